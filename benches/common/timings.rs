//! Summaries of timings in milliseconds, the same way in every window benchmark.

/// Median, p99 and max of `ms` (sorted here), and how many exceed each of `limits`.
pub struct Summary {
    pub count: usize,
    pub median: f64,
    pub p99: f64,
    pub max: f64,
    pub over: Vec<(f64, usize)>,
}

pub fn summarize(mut ms: Vec<f64>, limits: &[f64]) -> Option<Summary> {
    if ms.is_empty() {
        return None;
    }
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q) as usize];
    Some(Summary {
        count: ms.len(),
        median: at(0.5),
        p99: at(0.99),
        max: at(1.0),
        over: limits
            .iter()
            .map(|&l| (l, ms.iter().filter(|m| **m > l).count()))
            .collect(),
    })
}

/// "`label`: N `unit`, median … ms, p99 … ms, max … ms, over L ms: K, …".
pub fn report(label: &str, unit: &str, ms: Vec<f64>, limits: &[f64], decimals: usize) {
    let Some(s) = summarize(ms, limits) else {
        println!("{label}: none");
        return;
    };
    let over: String = s.over.iter().map(|(l, n)| format!(", over {l} ms: {n}")).collect();
    println!(
        "{label}: {} {unit}, median {:.decimals$} ms, p99 {:.decimals$} ms, max {:.decimals$} ms{over}",
        s.count, s.median, s.p99, s.max
    );
}
