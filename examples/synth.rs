//! Writes a synthetic dataset of N events as CSV to standard output, for the
//! whole-process benchmarks in benches/run.sh: `cargo run --release --example synth -- 1000`.

#[path = "../benches/synth.rs"]
mod synth;

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    print!("{}", synth::csv(n));
}
