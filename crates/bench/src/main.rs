//! `accord-bench`: a small closed-loop HTTP/1.1 load generator for Accord.
//!
//! It is not a test; it is run by hand (and by `bench/run.sh`) to print
//! performance figures for a running server, normally on `127.0.0.1`.
//!
//! # What it measures
//!
//! For every scenario given on the command line (`name=PATH`,
//! `name=METHOD:PATH` for GET/DELETE, or `name=METHOD:PATH:BODYFILE` for
//! POST/PUT/PATCH with a JSON body read from a file), in turn:
//!
//! 1. a warm-up of `--warmup` seconds whose results are thrown away;
//! 2. a measured run of `--duration` seconds with `--connections` concurrent
//!    keep-alive connections. Each connection is driven by its own tokio task
//!    owning its own hyper HTTP/1 connection and sends requests back to back
//!    (closed loop: a new request is sent as soon as the previous response
//!    body has been read completely).
//!
//! The latency of a request is the time from handing it to hyper until the
//! last byte of the response body has arrived; connection set-up is not
//! included. Each task appends latencies (µs, `u32`) to its own `Vec`, so the
//! hot path takes no locks; the vectors are merged and sorted once the run is
//! over, and p50/p90/p99/max are nearest-rank percentiles ([`stats`]).
//! Throughput (`rps`) is the number of requests divided by the wall time of
//! the run, including the requests still in flight at the deadline.
//!
//! A request counts as an error if the answer is not 2xx, or if it failed at
//! the transport level (connect error, reset, timeout of `--timeout`
//! seconds). Failed requests are included in `requests` and `errors`; only
//! answered ones have a latency. The first error of a scenario is printed to
//! stderr (status and at most 300 bytes of body). If `--pid` is given, the
//! server's `VmRSS` is read from `/proc/PID/status` after each scenario, and
//! its peak (`VmHWM`) is reported at the end.
//!
//! The process exits with status 1 if any scenario had more than 1 % errors.
//!
//! # Placeholders
//!
//! A path may contain `{i}` (a counter, unique per request within a scenario),
//! `{id}` (an id from `--ids FILE`, one per line, taken round-robin) and `{q}`
//! (a word from `--words FILE`, round-robin). Ids and words are
//! percent-encoded. Every request carries `Authorization: Bearer TOKEN`.
//!
//! # Bounds
//!
//! Every phase stops by itself: no new request is started after its deadline
//! and every connect and request is bounded by `--timeout`. Only the address
//! of `--base-url` (plain `http://`, no TLS) is ever contacted.
//!
//! `--once` sends each scenario's request a single time and prints status,
//! time and the first 200 bytes of the body, for debugging a scenario.

mod stats;

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result, anyhow, bail, ensure};
use bytes::Bytes;
use clap::Parser;
use http_body_util::{BodyExt as _, Full};
use hyper::client::conn::http1;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderValue};
use hyper::{Method, Request, StatusCode, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::stats::Summary;

/// Error ratio above which the process exits non-zero.
const MAX_ERROR_RATIO: f64 = 0.01;
/// How many bytes of an error body are kept and printed.
const ERROR_BODY_LIMIT: usize = 300;
/// How many bytes of the body `--once` prints.
const ONCE_BODY_LIMIT: usize = 200;
/// Pause after a failed connect, so a dead server does not cause a busy loop.
const CONNECT_BACKOFF: Duration = Duration::from_millis(50);

#[derive(Parser, Debug)]
#[command(
    name = "accord-bench",
    version,
    about = "HTTP load generator for Accord: prints requests/s, latency percentiles and server memory",
    after_help = "SCENARIO is name=PATH, name=GET:PATH, name=DELETE:PATH or \
                  name=POST|PUT|PATCH:PATH:BODYFILE (the body is sent as application/json).\n\
                  PATH may contain {i} (counter), {id} (from --ids) and {q} (from --words).\n\
                  Example: accord-bench --token T 'list=/api/v1/partners?limit=50&sort=-updated_at'"
)]
struct Args {
    /// Base URL of the server (plain http only); scenario paths are appended to it.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    base_url: String,
    /// API token, sent as `Authorization: Bearer TOKEN`.
    #[arg(long, env = "ACCORD_BENCH_TOKEN", hide_env_values = true)]
    token: String,
    /// Number of concurrent keep-alive connections (one task each).
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    connections: u32,
    /// Measured seconds per scenario.
    #[arg(long, default_value_t = 10.0)]
    duration: f64,
    /// Unmeasured warm-up seconds before each scenario (0 to skip).
    #[arg(long, default_value_t = 2.0)]
    warmup: f64,
    /// Timeout in seconds for one connect or one request.
    #[arg(long, default_value_t = 10.0)]
    timeout: f64,
    /// Server process id whose VmRSS / VmHWM are reported from /proc/PID/status.
    #[arg(long)]
    pid: Option<u32>,
    /// File with one id per line, substituted round-robin for `{id}`.
    #[arg(long)]
    ids: Option<PathBuf>,
    /// File with one word per line, substituted round-robin for `{q}`.
    #[arg(long)]
    words: Option<PathBuf>,
    /// Print one JSON object per scenario instead of a text line.
    #[arg(long)]
    json: bool,
    /// Send each scenario's request once and print status, time and body start.
    #[arg(long)]
    once: bool,
    /// Scenarios, run one after the other.
    #[arg(required = true, value_name = "SCENARIO")]
    scenarios: Vec<String>,
}

/// Where requests go: one socket address and the matching `Host` header.
struct Target {
    addr: SocketAddr,
    host: HeaderValue,
    /// Path prefix of the base URL, without a trailing slash (often empty).
    prefix: String,
}

/// State shared read-only by all tasks.
struct Shared {
    target: Target,
    auth: HeaderValue,
    /// Percent-encoded ids for `{id}`.
    ids: Vec<String>,
    /// Percent-encoded words for `{q}`.
    words: Vec<String>,
    timeout: Duration,
}

enum Part {
    Lit(String),
    Counter,
    Id,
    Word,
}

/// A request path with placeholders, pre-parsed.
struct Template {
    parts: Vec<Part>,
    /// Set when there are no placeholders: the URI is built once and cloned.
    fixed: Option<Uri>,
}

impl Template {
    fn parse(path: &str) -> Result<Template> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut rest = path;
        while let Some(pos) = rest.find('{') {
            lit.push_str(&rest[..pos]);
            let tail = &rest[pos..];
            let (part, len) = if tail.starts_with("{i}") {
                (Some(Part::Counter), 3)
            } else if tail.starts_with("{id}") {
                (Some(Part::Id), 4)
            } else if tail.starts_with("{q}") {
                (Some(Part::Word), 3)
            } else {
                (None, 1)
            };
            match part {
                Some(p) => {
                    if !lit.is_empty() {
                        parts.push(Part::Lit(std::mem::take(&mut lit)));
                    }
                    parts.push(p);
                }
                None => lit.push('{'),
            }
            rest = &tail[len..];
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        let fixed = match parts.as_slice() {
            [] => Some(Uri::from_static("/")),
            [Part::Lit(l)] => Some(
                Uri::try_from(l.as_str()).with_context(|| format!("invalid request path {l:?}"))?,
            ),
            _ => None,
        };
        Ok(Template { parts, fixed })
    }

    fn uses(&self, f: impl Fn(&Part) -> bool) -> bool {
        self.parts.iter().any(f)
    }

    fn render(&self, i: u64, ids: &[String], words: &[String]) -> Result<Uri> {
        if let Some(uri) = &self.fixed {
            return Ok(uri.clone());
        }
        let mut s = String::with_capacity(128);
        for part in &self.parts {
            match part {
                Part::Lit(l) => s.push_str(l),
                Part::Counter => {
                    let _ = write!(s, "{i}");
                }
                Part::Id => s.push_str(pick(ids, i).context("no ids for {id}")?),
                Part::Word => s.push_str(pick(words, i).context("no words for {q}")?),
            }
        }
        Uri::try_from(s.as_str()).with_context(|| format!("invalid request path {s:?}"))
    }
}

fn pick(list: &[String], i: u64) -> Option<&str> {
    let len = u64::try_from(list.len()).ok().filter(|&n| n > 0)?;
    let idx = usize::try_from(i % len).ok()?;
    list.get(idx).map(String::as_str)
}

struct Scenario {
    name: String,
    method: Method,
    /// The path as given, for display.
    path: String,
    template: Template,
    body: Option<Bytes>,
}

impl Scenario {
    fn parse(spec: &str, prefix: &str) -> Result<Scenario> {
        let (name, rest) = spec
            .split_once('=')
            .with_context(|| format!("scenario {spec:?}: expected name=PATH"))?;
        ensure!(
            !name.is_empty() && !name.contains(char::is_whitespace),
            "scenario {spec:?}: empty name or name with spaces"
        );
        let (method, path, body_file) = if rest.starts_with('/') {
            (Method::GET, rest, None)
        } else {
            let (m, tail) = rest
                .split_once(':')
                .with_context(|| format!("scenario {name}: expected PATH or METHOD:PATH"))?;
            match m {
                "GET" | "DELETE" | "HEAD" => (method_of(m)?, tail, None),
                "POST" | "PUT" | "PATCH" => {
                    let (path, file) = tail
                        .rsplit_once(':')
                        .with_context(|| format!("scenario {name}: expected {m}:PATH:BODYFILE"))?;
                    (method_of(m)?, path, Some(file))
                }
                _ => bail!("scenario {name}: unsupported method {m:?}"),
            }
        };
        ensure!(
            path.starts_with('/'),
            "scenario {name}: path {path:?} must start with '/'"
        );
        let body = match body_file {
            Some(f) => Some(Bytes::from(std::fs::read(f).with_context(|| {
                format!("scenario {name}: cannot read body file {f}")
            })?)),
            None => None,
        };
        let template = Template::parse(&format!("{prefix}{path}"))
            .with_context(|| format!("scenario {name}"))?;
        Ok(Scenario {
            name: name.to_owned(),
            method,
            path: path.to_owned(),
            template,
            body,
        })
    }

    fn request(&self, shared: &Shared, i: u64) -> Result<Request<Full<Bytes>>> {
        let uri = self.template.render(i, &shared.ids, &shared.words)?;
        let mut b = Request::builder()
            .method(self.method.clone())
            .uri(uri)
            .header(HOST, shared.target.host.clone())
            .header(AUTHORIZATION, shared.auth.clone());
        let body = match &self.body {
            Some(body) => {
                b = b.header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                // `{i}` in a body makes each written record distinct (e.g. a unique name).
                if body.windows(3).any(|w| w == b"{i}") {
                    let text = String::from_utf8_lossy(body).replace("{i}", &i.to_string());
                    Bytes::from(text)
                } else {
                    body.clone()
                }
            }
            None => Bytes::new(),
        };
        Ok(b.body(Full::new(body))?)
    }
}

fn method_of(m: &str) -> Result<Method> {
    Method::from_bytes(m.as_bytes()).map_err(|e| anyhow!("bad method {m:?}: {e}"))
}

fn parse_base_url(base: &str) -> Result<(String, u16, String, String)> {
    let uri: Uri = base
        .parse()
        .with_context(|| format!("invalid --base-url {base:?}"))?;
    ensure!(
        uri.scheme_str() == Some("http"),
        "--base-url must be a plain http:// URL (no TLS), got {base:?}"
    );
    let authority = uri
        .authority()
        .with_context(|| format!("--base-url {base:?} has no host"))?;
    ensure!(
        !authority.as_str().contains('@'),
        "--base-url must not contain credentials"
    );
    ensure!(uri.query().is_none(), "--base-url must not have a query");
    let host = authority
        .host()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let port = authority.port_u16().unwrap_or(80);
    let prefix = uri.path().trim_end_matches('/').to_owned();
    Ok((host, port, authority.as_str().to_owned(), prefix))
}

async fn resolve_target(base: &str) -> Result<Target> {
    let (host, port, authority, prefix) = parse_base_url(base)?;
    let addr = tokio::net::lookup_host((host.as_str(), port))
        .await
        .with_context(|| format!("cannot resolve {host}"))?
        .next()
        .with_context(|| format!("{host} resolves to no address"))?;
    Ok(Target {
        addr,
        host: HeaderValue::from_str(&authority)?,
        prefix,
    })
}

/// Reads a list file (one entry per line, blank lines ignored) and
/// percent-encodes every entry for use in a URL.
fn read_list(path: &Path, what: &str) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {what} file {}", path.display()))?;
    let list: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(percent_encode)
        .collect();
    ensure!(!list.is_empty(), "{what} file {} is empty", path.display());
    Ok(list)
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn secs(v: f64, what: &str, allow_zero: bool) -> Result<Duration> {
    ensure!(
        v.is_finite() && (0.0..=86_400.0).contains(&v) && (allow_zero || v > 0.0),
        "{what} must be {} and at most 86400 seconds, got {v}",
        if allow_zero { ">= 0" } else { "> 0" }
    );
    Ok(Duration::from_secs_f64(v))
}

type Sender = http1::SendRequest<Full<Bytes>>;

async fn connect(shared: &Shared) -> Result<Sender> {
    let stream = tokio::time::timeout(shared.timeout, TcpStream::connect(shared.target.addr))
        .await
        .context("connect timed out")?
        .with_context(|| format!("connect to {}", shared.target.addr))?;
    stream.set_nodelay(true)?;
    let (sender, conn) = http1::handshake(TokioIo::new(stream)).await?;
    // The connection driver ends when the sender is dropped or the peer closes.
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

/// Outcome of one request/response exchange that did not get an answer.
enum Failure {
    /// The request was never written (the connection was already closing);
    /// it is retried on a fresh connection and not counted.
    NotSent,
    Failed(String),
}

/// Sends one request and reads the whole response body. For non-2xx answers
/// the first [`ERROR_BODY_LIMIT`] bytes of the body are kept.
async fn exchange(
    sender: &mut Sender,
    req: Request<Full<Bytes>>,
    keep: usize,
) -> Result<(StatusCode, Vec<u8>), Failure> {
    let resp = sender.try_send_request(req).await.map_err(|mut e| {
        if e.take_message().is_some() {
            Failure::NotSent
        } else {
            Failure::Failed(e.error().to_string())
        }
    })?;
    let status = resp.status();
    let keep = if status.is_success() {
        keep
    } else {
        keep.max(ERROR_BODY_LIMIT)
    };
    let mut kept = Vec::new();
    let mut body = resp.into_body();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| Failure::Failed(format!("reading body: {e}")))?;
        if let Some(data) = frame.data_ref()
            && kept.len() < keep
        {
            let n = data.len().min(keep - kept.len());
            kept.extend_from_slice(&data[..n]);
        }
    }
    Ok((status, kept))
}

#[derive(Default)]
struct TaskStats {
    /// Latency of every answered request, µs.
    latencies: Vec<u32>,
    /// Requests attempted (answered or failed).
    requests: u64,
    /// Non-2xx answers.
    bad_status: u64,
    /// Connect errors, resets and timeouts.
    failures: u64,
    /// Earliest error seen, with when it happened.
    first_error: Option<(Instant, String)>,
    /// Counter values consumed (for `{i}` uniqueness across phases).
    counters: u64,
}

impl TaskStats {
    fn note_error(&mut self, msg: impl FnOnce() -> String) {
        if self.first_error.is_none() {
            self.first_error = Some((Instant::now(), msg()));
        }
    }

    fn fail(&mut self, msg: impl FnOnce() -> String) {
        self.requests += 1;
        self.failures += 1;
        self.note_error(msg);
    }

    fn merge(&mut self, other: TaskStats) {
        self.latencies.extend_from_slice(&other.latencies);
        self.requests += other.requests;
        self.bad_status += other.bad_status;
        self.failures += other.failures;
        self.counters = self.counters.max(other.counters);
        self.first_error = match (self.first_error.take(), other.first_error) {
            (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
            (a, b) => a.or(b),
        };
    }

    fn errors(&self) -> u64 {
        self.bad_status + self.failures
    }
}

/// One connection's closed loop until `deadline`. Request `n` of task `task`
/// uses counter `base + task + n * stride`, so counters never collide.
async fn worker(
    shared: Arc<Shared>,
    scenario: Arc<Scenario>,
    task: u64,
    stride: u64,
    base: u64,
    deadline: Instant,
    record: bool,
) -> TaskStats {
    let mut st = TaskStats::default();
    if record {
        st.latencies.reserve(16 * 1024);
    }
    let mut sender: Option<Sender> = None;
    let mut n: u64 = 0;
    while Instant::now() < deadline {
        let mut s = match sender.take() {
            Some(mut s) => {
                match tokio::time::timeout(shared.timeout, s.ready()).await {
                    Ok(Ok(())) => s,
                    // Closed by the peer (e.g. no keep-alive): reconnect.
                    _ => continue,
                }
            }
            None => match connect(&shared).await {
                Ok(s) => s,
                Err(e) => {
                    st.fail(|| format!("{e:#}"));
                    tokio::time::sleep_until(deadline.min(Instant::now() + CONNECT_BACKOFF)).await;
                    continue;
                }
            },
        };
        let i = base + task + n * stride;
        n += 1;
        st.counters = n;
        let req = match scenario.request(&shared, i) {
            Ok(req) => req,
            Err(e) => {
                st.fail(|| format!("building request: {e:#}"));
                sender = Some(s);
                continue;
            }
        };
        let start = Instant::now();
        let outcome = tokio::time::timeout(shared.timeout, exchange(&mut s, req, 0)).await;
        let micros = u32::try_from(start.elapsed().as_micros()).unwrap_or(u32::MAX);
        match outcome {
            Ok(Ok((status, body))) => {
                st.requests += 1;
                if record {
                    st.latencies.push(micros);
                }
                if !status.is_success() {
                    st.bad_status += 1;
                    st.note_error(|| {
                        format!("{status}: {}", String::from_utf8_lossy(&body).trim_end())
                    });
                }
                sender = Some(s);
            }
            Ok(Err(Failure::NotSent)) => {}
            Ok(Err(Failure::Failed(e))) => st.fail(|| e),
            Err(_) => st.fail(|| format!("request timed out after {:?}", shared.timeout)),
        }
    }
    st
}

struct PhaseResult {
    stats: TaskStats,
    elapsed: Duration,
}

async fn run_phase(
    shared: &Arc<Shared>,
    scenario: &Arc<Scenario>,
    connections: u32,
    duration: Duration,
    base: u64,
    record: bool,
) -> Result<PhaseResult> {
    let start = Instant::now();
    let deadline = start + duration;
    let stride = u64::from(connections);
    let mut tasks = tokio::task::JoinSet::new();
    for task in 0..stride {
        tasks.spawn(worker(
            Arc::clone(shared),
            Arc::clone(scenario),
            task,
            stride,
            base,
            deadline,
            record,
        ));
    }
    let mut stats = TaskStats::default();
    while let Some(res) = tasks.join_next().await {
        stats.merge(res.context("load task failed")?);
    }
    let elapsed = start.elapsed();
    stats.latencies.sort_unstable();
    Ok(PhaseResult { stats, elapsed })
}

/// `VmRSS` and `VmHWM` of a process, in kB.
#[derive(Clone, Copy)]
struct Mem {
    rss_kb: u64,
    hwm_kb: u64,
}

fn read_mem(pid: u32) -> Result<Mem> {
    let path = format!("/proc/{pid}/status");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    let field = |key: &str| -> Option<u64> {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Ok(Mem {
        rss_kb: field("VmRSS:").with_context(|| format!("no VmRSS in {path}"))?,
        hwm_kb: field("VmHWM:").with_context(|| format!("no VmHWM in {path}"))?,
    })
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

fn ms(us: u32) -> f64 {
    f64::from(us) / 1000.0
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn report_line(
    width: usize,
    sc: &Scenario,
    st: &TaskStats,
    rps: f64,
    sum: Option<Summary>,
    mem: Option<Mem>,
) -> String {
    let mut line = format!("{:<width$} requests {}  rps {rps:.1}", sc.name, st.requests);
    match sum {
        Some(s) => {
            let _ = write!(
                line,
                "  p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.1} ms",
                ms(s.p50),
                ms(s.p90),
                ms(s.p99),
                ms(s.max)
            );
        }
        None => line.push_str("  p50 - ms  p90 - ms  p99 - ms  max - ms"),
    }
    let _ = write!(line, "  errors {}", st.errors());
    if let Some(m) = mem {
        let _ = write!(line, "  rss {:.1} MB", mb(m.rss_kb));
    }
    line
}

#[allow(clippy::too_many_arguments)]
fn report_json(
    sc: &Scenario,
    args: &Args,
    st: &TaskStats,
    elapsed: Duration,
    rps: f64,
    sum: Option<Summary>,
    mem: Option<Mem>,
    first_error: Option<&str>,
) -> String {
    let lat = |f: fn(&Summary) -> u32| sum.as_ref().map(|s| ms(f(s)));
    serde_json::json!({
        "scenario": sc.name,
        "method": sc.method.as_str(),
        "path": sc.path,
        "connections": args.connections,
        "duration_s": elapsed.as_secs_f64(),
        "requests": st.requests,
        "rps": rps,
        "p50_ms": lat(|s| s.p50),
        "p90_ms": lat(|s| s.p90),
        "p99_ms": lat(|s| s.p99),
        "max_ms": lat(|s| s.max),
        "errors": st.errors(),
        "status_errors": st.bad_status,
        "transport_errors": st.failures,
        "first_error": first_error,
        "rss_mb": mem.map(|m| mb(m.rss_kb)),
        "hwm_mb": mem.map(|m| mb(m.hwm_kb)),
    })
    .to_string()
}

async fn run_once(shared: &Shared, scenarios: &[Arc<Scenario>]) -> Result<bool> {
    let mut ok = true;
    for sc in scenarios {
        let req = sc.request(shared, 0)?;
        let target = req.uri().to_string();
        let mut sender = connect(shared).await?;
        let start = Instant::now();
        let outcome =
            tokio::time::timeout(shared.timeout, exchange(&mut sender, req, ONCE_BODY_LIMIT)).await;
        let elapsed = start.elapsed();
        match outcome {
            Ok(Ok((status, body))) => {
                ok &= status.is_success();
                println!(
                    "{}  {} {}  {}  {:.2} ms  {}",
                    sc.name,
                    sc.method,
                    target,
                    status,
                    elapsed.as_secs_f64() * 1000.0,
                    String::from_utf8_lossy(truncate_bytes(&body, ONCE_BODY_LIMIT)).escape_debug()
                );
            }
            Ok(Err(Failure::NotSent)) => {
                ok = false;
                println!(
                    "{}  {} {}  error: request not sent",
                    sc.name, sc.method, target
                );
            }
            Ok(Err(Failure::Failed(e))) => {
                ok = false;
                println!("{}  {} {}  error: {e}", sc.name, sc.method, target);
            }
            Err(_) => {
                ok = false;
                println!("{}  {} {}  error: timed out", sc.name, sc.method, target);
            }
        }
    }
    Ok(ok)
}

fn truncate_bytes(b: &[u8], max: usize) -> &[u8] {
    &b[..b.len().min(max)]
}

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("accord-bench: error: cannot start the tokio runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("accord-bench: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn run() -> Result<ExitCode> {
    let args = Args::parse();
    let duration = secs(args.duration, "--duration", false)?;
    let warmup = secs(args.warmup, "--warmup", true)?;
    let timeout = secs(args.timeout, "--timeout", false)?;

    let target = resolve_target(&args.base_url).await?;
    let scenarios = args
        .scenarios
        .iter()
        .map(|s| Scenario::parse(s, &target.prefix).map(Arc::new))
        .collect::<Result<Vec<_>>>()?;
    let ids = match &args.ids {
        Some(p) => read_list(p, "--ids")?,
        None => Vec::new(),
    };
    let words = match &args.words {
        Some(p) => read_list(p, "--words")?,
        None => Vec::new(),
    };
    for sc in &scenarios {
        ensure!(
            !sc.template.uses(|p| matches!(p, Part::Id)) || !ids.is_empty(),
            "scenario {} uses {{id}} but no --ids file was given",
            sc.name
        );
        ensure!(
            !sc.template.uses(|p| matches!(p, Part::Word)) || !words.is_empty(),
            "scenario {} uses {{q}} but no --words file was given",
            sc.name
        );
    }
    let mut auth = HeaderValue::from_str(&format!("Bearer {}", args.token))
        .context("--token contains characters not allowed in a header")?;
    auth.set_sensitive(true);
    let shared = Arc::new(Shared {
        target,
        auth,
        ids,
        words,
        timeout,
    });
    // Check every scenario renders to a valid request before starting.
    for sc in &scenarios {
        sc.request(&shared, 0)?;
    }

    if args.once {
        let ok = run_once(&shared, &scenarios).await?;
        return Ok(if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }

    if !args.json {
        eprintln!(
            "accord-bench: {} ({}), {} connections, {:.1} s per scenario after {:.1} s warm-up",
            args.base_url, shared.target.addr, args.connections, args.duration, args.warmup
        );
    }
    let width = scenarios
        .iter()
        .map(|s| s.name.len())
        .max()
        .unwrap_or(0)
        .max(13);
    let mut failed = Vec::new();
    let mut last_mem = None;
    for sc in &scenarios {
        let mut base = 0;
        if !warmup.is_zero() {
            let w = run_phase(&shared, sc, args.connections, warmup, base, false).await?;
            base = (w.stats.counters + 1) * u64::from(args.connections);
        }
        let PhaseResult { stats, elapsed } =
            run_phase(&shared, sc, args.connections, duration, base, true).await?;
        let rps = stats.requests as f64 / elapsed.as_secs_f64().max(1e-9);
        let sum = Summary::of_sorted(&stats.latencies);
        let mem = match args.pid {
            Some(pid) => match read_mem(pid) {
                Ok(m) => Some(m),
                Err(e) => {
                    eprintln!("warning: {e:#}");
                    None
                }
            },
            None => None,
        };
        last_mem = mem.or(last_mem);
        let first_error = stats
            .first_error
            .as_ref()
            .map(|(_, m)| truncate(m, ERROR_BODY_LIMIT + 64));
        if let Some(e) = first_error {
            eprintln!("{}: first error: {}", sc.name, e.escape_debug());
        }
        if args.json {
            println!(
                "{}",
                report_json(sc, &args, &stats, elapsed, rps, sum, mem, first_error)
            );
        } else {
            println!("{}", report_line(width, sc, &stats, rps, sum, mem));
        }
        let errors = stats.errors();
        if stats.requests == 0 || errors as f64 > MAX_ERROR_RATIO * stats.requests as f64 {
            failed.push(format!(
                "{} ({} errors in {} requests)",
                sc.name, errors, stats.requests
            ));
        }
    }
    // Peak memory at the very end (falls back to the last reading).
    let final_mem = match args.pid {
        Some(pid) => read_mem(pid).ok().or(last_mem),
        None => None,
    };
    if !args.json
        && let Some(m) = final_mem
    {
        println!("peak rss (VmHWM) {:.1} MB", mb(m.hwm_kb));
    }
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "accord-bench: more than 1% errors in: {}",
            failed.join(", ")
        );
        Ok(ExitCode::FAILURE)
    }
}
