//! A synthetic dataset generator for benchmarks: `n` events over ten years with the
//! partners, types and topics of the bundled dataset, in the CSV columns of
//! data/README.md. Deterministic: the same `n` gives the same file.

/// Partner ids of the bundled registry, spread across the events.
const PARTNERS: [&str; 10] =
    ["gbr", "phl", "rus", "unoct", "aus", "usa", "chn", "nld", "egy", "unodc"];
/// Event types, spread across the events.
const TYPES: [&str; 8] = [
    "meeting",
    "working-group",
    "mou",
    "visit",
    "conference",
    "training",
    "courtesy-call",
    "seminar",
];
/// Topic ids of the bundled vocabulary.
const TOPICS: [&str; 6] = [
    "information-exchange",
    "capacity-building",
    "online-radicalisation",
    "deradicalisation",
    "terrorism-financing",
    "vulnerable-targets",
];

/// `n` synthetic events as CSV, dated from 2015 to 2024.
pub(crate) fn csv(n: usize) -> String {
    let mut out = String::from(
        "id,date,end,status,partners,type,title_en,title_id,summary_en,summary_id,city,country,mode,topics,source_url,source_publisher,source_published\n",
    );
    let start = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).expect("a valid date");
    // A small linear congruential generator keeps the picks varied and repeatable.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound
    };
    for i in 0..n {
        let date = start + chrono::Days::new((i as u64 * 3652) / n.max(1) as u64);
        let partner = PARTNERS[next(PARTNERS.len())];
        let second = PARTNERS[next(PARTNERS.len())];
        let partners = if next(4) == 0 && second != partner {
            format!("{partner};{second}")
        } else {
            partner.to_owned()
        };
        let status = if next(17) == 0 { "planned" } else { "held" };
        out.push_str(&format!(
            "synth-{i:06},{date},,{status},{partners},{kind},Synthetic engagement {i} with {partner},Kegiatan sintetis {i} dengan {partner},\
             \"A generated record for benchmarks: delegations met, reviewed cooperation and agreed next steps.\",\
             \"Catatan buatan untuk tolok ukur: delegasi bertemu, meninjau kerja sama, dan menyepakati langkah berikutnya.\",\
             Jakarta,IDN,in-person,{topic},https://example.org/synthetic/{i},Synthetic Wire,{date}\n",
            kind = TYPES[next(TYPES.len())],
            topic = TOPICS[next(TOPICS.len())],
        ));
    }
    out
}
