//! Sharding: one share of a run's specs, for workers that each render a part
//! (`--shard I/N`, or an indexed job's environment).

use std::path::PathBuf;

/// One of N equal shares of a run's specs: `--shard I/N`, so that N workers given the
/// same arguments render every spec exactly once between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which share, from 1.
    pub index: usize,
    /// How many shares.
    pub count: usize,
}

impl Shard {
    /// The share from a Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (from 0) and the
    /// number of shares in `BRIEF_SHARD_COUNT`; `None` unless both are set.
    pub fn from_env(index: Option<String>, count: Option<String>) -> Option<Result<Shard, String>> {
        let count = match (index.as_deref(), count) {
            (None, None) => return None,
            // An Indexed Job without the count would render every spec in every pod.
            (Some(index), None) => {
                return Some(Err(format!(
                    "JOB_COMPLETION_INDEX is `{index}` but BRIEF_SHARD_COUNT is not set, so \
                     this run cannot tell its share of the specs"
                )));
            }
            (None, Some(count)) => {
                return Some(Err(format!(
                    "BRIEF_SHARD_COUNT is `{count}` but JOB_COMPLETION_INDEX is not set"
                )));
            }
            (Some(_), Some(count)) => count,
        };
        let index = index.unwrap_or_default();
        let parse = |name: &str, text: &str| {
            text.trim()
                .parse::<usize>()
                .map_err(|_| format!("{name} `{text}` is not a whole number"))
        };
        Some(parse("JOB_COMPLETION_INDEX", &index).and_then(|i| {
            match parse("BRIEF_SHARD_COUNT", &count)? {
                0 => Err(format!(
                    "BRIEF_SHARD_COUNT is `{count}`: a run needs at least one share (set it \
                     to the Job's completions)"
                )),
                n if i >= n => Err(format!(
                    "JOB_COMPLETION_INDEX `{index}` is past BRIEF_SHARD_COUNT `{count}`: the \
                     index counts from 0 and must be below the count (set the count to the \
                     Job's completions)"
                )),
                n => Ok(Shard { index: i + 1, count: n }),
            }
        }))
    }

    /// The specs whose position in `specs` (from 0), modulo `count`, is `index` − 1.
    pub fn select(self, specs: Vec<PathBuf>) -> Vec<PathBuf> {
        specs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % self.count == self.index - 1)
            .map(|(_, s)| s)
            .collect()
    }
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let bad = || format!("`{text}` is not a shard; write I/N with 1 ≤ I ≤ N, such as 2/8");
        let (index, count) = text.split_once('/').ok_or_else(bad)?;
        let index: usize = index.trim().parse().map_err(|_| bad())?;
        let count: usize = count.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}
