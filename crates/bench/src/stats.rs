//! Latency statistics over a sorted slice of per-request latencies (µs).

/// Nearest-rank percentile of an ascending slice.
///
/// `q` is in percent (`50.0` = median, `100.0` = maximum). Returns the
/// smallest sample such that at least `q`% of all samples are less than or
/// equal to it, or `None` for an empty slice. `q` is clamped to `0..=100`;
/// `0` yields the minimum.
pub fn percentile(sorted: &[u32], q: f64) -> Option<u32> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let q = if q.is_nan() { 0.0 } else { q.clamp(0.0, 100.0) };
    // rank is 1-based: ceil(q/100 * n), at least 1.
    let rank = ((q / 100.0) * n as f64).ceil() as usize;
    let idx = rank.clamp(1, n) - 1;
    sorted.get(idx).copied()
}

/// Summary of one measured run: count and a few percentiles, in µs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub p50: u32,
    pub p90: u32,
    pub p99: u32,
    pub max: u32,
}

impl Summary {
    /// Summarise an ascending slice; `None` when there are no samples.
    pub fn of_sorted(sorted: &[u32]) -> Option<Summary> {
        Some(Summary {
            count: sorted.len(),
            p50: percentile(sorted, 50.0)?,
            p90: percentile(sorted, 90.0)?,
            p99: percentile(sorted, 99.0)?,
            max: *sorted.last()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_has_no_percentile() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(Summary::of_sorted(&[]), None);
    }

    #[test]
    fn single_sample_is_every_percentile() {
        for q in [0.0, 1.0, 50.0, 99.9, 100.0] {
            assert_eq!(percentile(&[7], q), Some(7));
        }
    }

    #[test]
    fn nearest_rank_on_one_to_hundred() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&v, 0.0), Some(1));
        assert_eq!(percentile(&v, 1.0), Some(1));
        assert_eq!(percentile(&v, 50.0), Some(50));
        assert_eq!(percentile(&v, 90.0), Some(90));
        assert_eq!(percentile(&v, 99.0), Some(99));
        assert_eq!(percentile(&v, 99.5), Some(100));
        assert_eq!(percentile(&v, 100.0), Some(100));
        // Out-of-range quantiles are clamped.
        assert_eq!(percentile(&v, -5.0), Some(1));
        assert_eq!(percentile(&v, 250.0), Some(100));
    }

    #[test]
    fn small_uneven_slice() {
        let v = [10, 20, 30, 40];
        assert_eq!(percentile(&v, 25.0), Some(10));
        assert_eq!(percentile(&v, 26.0), Some(20));
        assert_eq!(percentile(&v, 50.0), Some(20));
        assert_eq!(percentile(&v, 75.0), Some(30));
        assert_eq!(percentile(&v, 90.0), Some(40));
        let s = Summary::of_sorted(&v).unwrap();
        assert_eq!(
            s,
            Summary {
                count: 4,
                p50: 20,
                p90: 40,
                p99: 40,
                max: 40
            }
        );
    }
}
