//! E-mail of notifications over SMTP, and the wording of notifications (in
//! the pages, the API and the mail alike) in the reader's language.
//!
//! [`Mailer`] sends through the relay named by `--smtp-url`
//! (`smtp://host:port`). With no URL, notifications stay in-app only.

use accord_domain::{Lang, values};
use accord_i18n::Tr;
use accord_store::notifications::{MailItem, Notification};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Sends mail through one SMTP relay.
///
/// SMTP without TLS to a relay on the local network (or the same host) is the
/// supported setup: Accord hands each message to the relay in plain text and
/// the relay delivers it onwards (with TLS, authentication and retries as the
/// organization configures it). Only `smtp://host[:port]` URLs are accepted;
/// an optional `?from=address` sets the sender (default: `accord@` the host of
/// the base URL).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// `host:port` of the relay, for logs.
    pub relay: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("relay", &self.relay)
            .field("from", &self.from.to_string())
            .finish()
    }
}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The recipient's address cannot be used.
    #[error("bad address: {0}")]
    Address(String),
    /// The message could not be built.
    #[error("message: {0}")]
    Message(String),
    /// The relay refused or could not be reached.
    #[error("smtp: {0}")]
    Smtp(String),
}

fn default_sender(base_url: &str) -> String {
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    let is_name = host.contains('.')
        && host.chars().any(|c| c.is_ascii_alphabetic())
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if is_name {
        format!("accord@{host}")
    } else {
        "accord@localhost".into()
    }
}

impl Mailer {
    /// A mailer for `smtp://host[:port][?from=address]` (port 25 by default).
    pub fn from_url(url: &str, base_url: &str) -> anyhow::Result<Mailer> {
        let rest = url.strip_prefix("smtp://").ok_or_else(|| {
            anyhow::anyhow!("smtp_url must start with smtp:// (TLS is left to the relay)")
        })?;
        let (authority, query) = match rest.split_once('?') {
            Some((a, q)) => (a.trim_end_matches('/'), Some(q)),
            None => (rest.trim_end_matches('/'), None),
        };
        if authority.contains('@') {
            anyhow::bail!(
                "smtp_url: credentials are not supported (use a relay that trusts Accord's host)"
            );
        }
        let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
            let (host, after) = v6
                .split_once(']')
                .ok_or_else(|| anyhow::anyhow!("smtp_url: bad IPv6 host"))?;
            (host.to_string(), after.strip_prefix(':'))
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p)),
                None => (authority.to_string(), None),
            }
        };
        if host.is_empty() {
            anyhow::bail!("smtp_url: no host");
        }
        let port: u16 = match port {
            Some(p) => p
                .parse()
                .map_err(|_| anyhow::anyhow!("smtp_url: bad port {p:?}"))?,
            None => 25,
        };
        let from = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .find_map(|pair| pair.strip_prefix("from="))
            .map(|f| {
                urlencoding::decode(f)
                    .map(|f| f.into_owned())
                    .unwrap_or_default()
            })
            .unwrap_or_else(|| default_sender(base_url));
        let from: Mailbox = format!("Accord <{from}>")
            .parse()
            .map_err(|e| anyhow::anyhow!("smtp_url: bad sender {from:?}: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str())
            .port(port)
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Mailer {
            transport,
            from,
            relay: format!("{host}:{port}"),
        })
    }

    /// Sends one plain-text message.
    pub async fn send(
        &self,
        to_address: &str,
        to_name: &str,
        subject: &str,
        body: String,
    ) -> Result<(), MailError> {
        let address = to_address
            .parse()
            .map_err(|e: lettre::address::AddressError| MailError::Address(e.to_string()))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(Some(to_name.to_string()), address))
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| MailError::Message(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError::Smtp(e.to_string()))
    }
}

/// The kinds of notification, each with its `notification-short-{kind}` label
/// and its `notification-{kind}` sentence.
pub const KINDS: [&str; 11] = [
    "step_assigned",
    "step_overdue",
    "changes_requested",
    "rejected",
    "chain_cleared",
    "signed",
    "in_force",
    "expiring",
    "notice_deadline",
    "expired",
    "renewed",
];

/// The short label of a kind of notification ("Review step assigned").
pub fn summary(tr: &Tr, kind: &str) -> String {
    tr.try_t(&format!("notification-short-{kind}"))
        .unwrap_or_else(|| kind.to_string())
}

fn payload_str<'a>(n: &'a Notification, key: &str) -> Option<&'a str> {
    n.payload.get(key).and_then(|v| v.as_str())
}

fn payload_date(tr: &Tr, n: &Notification, key: &str) -> String {
    payload_str(n, key)
        .and_then(|d| values::date(d).ok())
        .map(|d| tr.format_date(d))
        .unwrap_or_default()
}

/// The sentence that says what happened, in the reader's language.
pub fn describe(tr: &Tr, n: &Notification) -> String {
    let days = n.payload.get("days").and_then(|d| d.as_i64()).unwrap_or(0);
    let args = vec![
        ("date", payload_date(tr, n, "date")),
        ("renewal", payload_date(tr, n, "renewal")),
        ("when", tr.tn("notification-in-days", "days", days)),
        (
            "successor",
            payload_str(n, "successor_reference")
                .unwrap_or("")
                .to_string(),
        ),
    ];
    let mut text = if KINDS.contains(&n.kind.as_str()) {
        tr.targs(&format!("notification-{}", n.kind), &args)
    } else {
        summary(tr, &n.kind)
    };
    if let Some(comment) = payload_str(n, "comment").filter(|c| !c.trim().is_empty()) {
        text.push(' ');
        text.push_str(&tr.t1("notification-comment", "comment", comment));
    }
    text
}

/// The agreement's title in the reader's language.
pub fn title(tr: &Tr, n: &Notification) -> String {
    n.title.best(tr.lang).to_string()
}

/// The subject and body of the mail for a notification, in the recipient's
/// language (their profile's, else English).
pub fn compose(item: &MailItem, base_url: &str) -> (String, String) {
    let tr = Tr::new(item.lang.unwrap_or(Lang::En));
    let n = &item.notification;
    let reference = n.reference.clone().unwrap_or_default();
    let short = summary(&tr, &n.kind);
    let subject = tr.targs(
        "notification-mail-subject",
        &[("reference", reference.clone()), ("summary", short)],
    );
    let mut body = String::new();
    body.push_str(&tr.t1("notification-mail-greeting", "name", item.name.as_str()));
    body.push_str("\n\n");
    body.push_str(&describe(&tr, n));
    body.push_str("\n\n");
    let heading = title(&tr, n);
    if !reference.is_empty() || !heading.is_empty() {
        body.push_str(&format!("{reference} — {heading}\n"));
    }
    if let Some(id) = n.agreement_id {
        body.push_str(&tr.t1(
            "notification-mail-open",
            "url",
            format!("{base_url}/agreements/{id}"),
        ));
        body.push('\n');
    }
    body.push('\n');
    body.push_str(&tr.t1(
        "notification-mail-footer",
        "url",
        format!("{base_url}/notifications"),
    ));
    body.push('\n');
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_are_read_and_tls_urls_refused() {
        let mailer = Mailer::from_url("smtp://127.0.0.1:2525", "http://127.0.0.1:8080")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mailer.relay, "127.0.0.1:2525");
        assert_eq!(mailer.from.email.to_string(), "accord@localhost");
        let mailer = Mailer::from_url(
            "smtp://relay.local?from=partnerships%40icesco.org",
            "https://accord.icesco.org",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mailer.relay, "relay.local:25");
        assert_eq!(mailer.from.email.to_string(), "partnerships@icesco.org");
        assert_eq!(
            default_sender("https://accord.icesco.org/"),
            "accord@accord.icesco.org"
        );
        assert!(Mailer::from_url("smtps://relay:465", "").is_err());
        assert!(Mailer::from_url("smtp://user:pw@relay:25", "").is_err());
        assert!(Mailer::from_url("smtp://relay:port", "").is_err());
    }
}
