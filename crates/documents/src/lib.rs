//! Draft documents: recognising a file's type by its content (never by its
//! name), extracting its text (docx, odt, PDF, plain text and Markdown), the
//! word-level redline between two texts, and safe file names.
//!
//! Where the bytes are kept is `accord-files`' business; this crate only
//! reads bytes it is given.

use bytes::Bytes;
use serde::Serialize;
use std::io::{self, Read};
use std::time::Duration;

/// The largest draft accepted, in bytes (20 MiB).
pub const MAX_DRAFT_BYTES: usize = 20 * 1024 * 1024;

/// The body limit of upload routes: the largest draft plus room for the
/// other multipart fields and boundaries.
pub const MAX_UPLOAD_BODY: usize = MAX_DRAFT_BYTES + 256 * 1024;

/// The largest XML part read out of a docx or odt (a guard against zip bombs).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// How long text extraction may take before the draft is kept without text.
const EXTRACTION_TIMEOUT: Duration = Duration::from_secs(20);

/// The formats drafts may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Word (Office Open XML): a zip with `word/document.xml`.
    Docx,
    /// OpenDocument text: a zip whose `mimetype` says so.
    Odt,
    /// PDF: starts with `%PDF-`.
    Pdf,
    /// Plain text: valid UTF-8 without NUL bytes.
    Text,
    /// Markdown: plain text named `.md` or `.markdown`.
    Markdown,
}

/// The media type of OpenDocument text.
const ODT_MEDIA_TYPE: &str = "application/vnd.oasis.opendocument.text";

impl DocKind {
    /// The media type stored with the file and sent when it is downloaded.
    pub fn media_type(self) -> &'static str {
        match self {
            DocKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            DocKind::Odt => ODT_MEDIA_TYPE,
            DocKind::Pdf => "application/pdf",
            DocKind::Text => "text/plain",
            DocKind::Markdown => "text/markdown",
        }
    }

    /// The kind of a stored media type.
    pub fn from_media_type(media_type: &str) -> Option<DocKind> {
        [
            DocKind::Docx,
            DocKind::Odt,
            DocKind::Pdf,
            DocKind::Text,
            DocKind::Markdown,
        ]
        .into_iter()
        .find(|k| k.media_type() == media_type)
    }

    /// The `Content-Type` header for a stored media type (text gets its charset).
    pub fn content_type(media_type: &str) -> String {
        if media_type.starts_with("text/") {
            format!("{media_type}; charset=utf-8")
        } else {
            media_type.to_string()
        }
    }
}

/// The media types accepted, for error details.
pub const ACCEPTED: [&str; 5] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT_MEDIA_TYPE,
    "application/pdf",
    "text/plain",
    "text/markdown",
];

fn open_zip(bytes: &[u8]) -> Option<zip::ZipArchive<io::Cursor<&[u8]>>> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    zip::ZipArchive::new(io::Cursor::new(bytes)).ok()
}

fn read_entry(
    archive: &mut zip::ZipArchive<io::Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Option<Vec<u8>> {
    let entry = archive.by_name(name).ok()?;
    let mut out = Vec::new();
    entry.take(limit + 1).read_to_end(&mut out).ok()?;
    (out.len() as u64 <= limit).then_some(out)
}

/// Recognises a draft's format from its bytes. The name only tells Markdown
/// from plain text; a file named `.docx` that holds plain text is text.
pub fn sniff(bytes: &[u8], filename: &str) -> Option<DocKind> {
    if bytes.starts_with(b"%PDF-") {
        return Some(DocKind::Pdf);
    }
    if let Some(mut archive) = open_zip(bytes) {
        if archive.by_name("word/document.xml").is_ok() {
            return Some(DocKind::Docx);
        }
        let mimetype = read_entry(&mut archive, "mimetype", 256)?;
        return (mimetype.trim_ascii() == ODT_MEDIA_TYPE.as_bytes()).then_some(DocKind::Odt);
    }
    if !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok() {
        let lower = filename.to_lowercase();
        return Some(if lower.ends_with(".md") || lower.ends_with(".markdown") {
            DocKind::Markdown
        } else {
            DocKind::Text
        });
    }
    None
}

/// What documents kept with an agreement (signed copies, notices) may be:
/// the draft formats and scanned images.
pub const ACCEPTED_DOCUMENTS: [&str; 7] = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT_MEDIA_TYPE,
    "text/plain",
    "text/markdown",
];

/// The media type of a document kept with an agreement, judged by its
/// content (the name only tells plain text from Markdown); None when it is
/// none of [`ACCEPTED_DOCUMENTS`].
pub fn sniff_document(bytes: &[u8], filename: &str) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    sniff(bytes, filename).map(DocKind::media_type)
}

/// Extracts the text of a draft: paragraphs separated by line breaks. None
/// when the file holds no readable text (a scanned PDF, a damaged file).
pub fn extract_text(kind: DocKind, bytes: &[u8]) -> Option<String> {
    let text = match kind {
        DocKind::Text | DocKind::Markdown => {
            let text = std::str::from_utf8(bytes).ok()?;
            text.strip_prefix('\u{FEFF}')
                .unwrap_or(text)
                .replace("\r\n", "\n")
        }
        DocKind::Docx => {
            let mut archive = open_zip(bytes)?;
            let xml = read_entry(&mut archive, "word/document.xml", MAX_XML_BYTES)?;
            xml_paragraphs(&String::from_utf8(xml).ok()?, &DOCX)?
        }
        DocKind::Odt => {
            let mut archive = open_zip(bytes)?;
            let xml = read_entry(&mut archive, "content.xml", MAX_XML_BYTES)?;
            xml_paragraphs(&String::from_utf8(xml).ok()?, &ODT)?
        }
        DocKind::Pdf => pdf_extract::extract_text_from_mem(bytes).ok()?,
    };
    let text = text.trim_end().to_string();
    (!text.trim().is_empty()).then_some(text)
}

/// Extracts text off the async threads, with a time limit; a panic or a
/// timeout in a parser only means the draft has no text.
pub async fn extract_text_async(kind: DocKind, bytes: Bytes) -> Option<String> {
    let task = tokio::task::spawn_blocking(move || extract_text(kind, &bytes));
    match tokio::time::timeout(EXTRACTION_TIMEOUT, task).await {
        Ok(Ok(text)) => text,
        Ok(Err(error)) => {
            tracing::warn!(%error, "text extraction failed");
            None
        }
        Err(_) => {
            tracing::warn!("text extraction timed out");
            None
        }
    }
}

/// The element names that matter for text in one XML vocabulary (local names).
struct Vocabulary {
    /// Paragraph-like elements: each ends a line.
    paragraphs: &'static [&'static str],
    /// Elements whose text content is document text (empty: all text inside paragraphs).
    text: &'static [&'static str],
    /// Empty elements that stand for a tab.
    tabs: &'static [&'static str],
    /// Empty elements that stand for a line break.
    breaks: &'static [&'static str],
    /// Empty elements that stand for spaces (ODF `text:s`, with a count in `c`).
    spaces: &'static [&'static str],
}

const DOCX: Vocabulary = Vocabulary {
    paragraphs: &["p"],
    text: &["t"],
    tabs: &["tab"],
    breaks: &["br", "cr"],
    spaces: &[],
};

const ODT: Vocabulary = Vocabulary {
    paragraphs: &["p", "h"],
    text: &[],
    tabs: &["tab"],
    breaks: &["line-break"],
    spaces: &["s"],
};

fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// The text of the paragraphs of an XML document, one per line.
fn xml_paragraphs(xml: &str, vocabulary: &Vocabulary) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut in_paragraph = 0usize;
    let mut in_text = 0usize;
    let takes_text = |in_paragraph: usize, in_text: usize| {
        in_paragraph > 0 && (vocabulary.text.is_empty() || in_text > 0)
    };
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if vocabulary.paragraphs.contains(&name) {
                    in_paragraph += 1;
                } else if vocabulary.text.contains(&name) {
                    in_text += 1;
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if vocabulary.paragraphs.contains(&name) {
                    in_paragraph = in_paragraph.saturating_sub(1);
                    if in_paragraph == 0 {
                        out.push_str(paragraph.trim_end());
                        out.push('\n');
                        paragraph.clear();
                    }
                } else if vocabulary.text.contains(&name) {
                    in_text = in_text.saturating_sub(1);
                }
            }
            Event::Empty(e) if in_paragraph > 0 => {
                let name = e.local_name();
                let name = name.as_ref();
                if vocabulary.tabs.contains(&name) {
                    paragraph.push('\t');
                } else if vocabulary.breaks.contains(&name) {
                    paragraph.push('\n');
                } else if vocabulary.spaces.contains(&name) {
                    let count = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "c")
                        .and_then(|a| a.value.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(1000);
                    paragraph.extend(std::iter::repeat_n(' ', count));
                } else if vocabulary.paragraphs.contains(&name) {
                    out.push('\n');
                }
            }
            Event::Empty(e) if vocabulary.paragraphs.contains(&e.local_name().as_ref()) => {
                out.push('\n');
            }
            Event::Text(t) if takes_text(in_paragraph, in_text) => {
                paragraph.push_str(&t.xml10_content());
            }
            Event::CData(t) if takes_text(in_paragraph, in_text) => {
                paragraph.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if takes_text(in_paragraph, in_text) => {
                let c = match r.resolve_char_ref().ok()? {
                    Some(c) => Some(c),
                    None => entity(&r),
                };
                if let Some(c) = c {
                    paragraph.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.push_str(paragraph.trim_end());
    Some(out)
}

/// What a redline segment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both versions.
    Equal,
    /// Only in the newer version.
    Insert,
    /// Only in the older version.
    Delete,
}

impl Op {
    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Equal => "equal",
            Op::Insert => "insert",
            Op::Delete => "delete",
        }
    }
}

/// A run of text with one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: Op,
    pub text: String,
}

/// How many words were inserted and deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RedlineStats {
    pub inserted: i64,
    pub deleted: i64,
}

/// The word-level differences between two texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redline {
    pub changes: Vec<Segment>,
    pub stats: RedlineStats,
}

/// How long the diff may search for the smallest difference before settling for a larger one.
const DIFF_TIMEOUT: Duration = Duration::from_secs(3);

fn push(out: &mut Vec<Segment>, op: Op, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(Segment {
            op,
            text: text.to_string(),
        }),
    }
}

/// Compares two texts word by word. Consecutive tokens with the same
/// operation are merged, and a lone run of spaces between two changes joins
/// them, so "a b" replaced by "x y" reads as one deletion and one insertion.
pub fn redline(old: &str, new: &str) -> Redline {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_words(old, new);
    let mut stats = RedlineStats {
        inserted: 0,
        deleted: 0,
    };
    let mut raw: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let op = match change.tag() {
            similar::ChangeTag::Equal => Op::Equal,
            similar::ChangeTag::Insert => Op::Insert,
            similar::ChangeTag::Delete => Op::Delete,
        };
        let is_word = !text.trim().is_empty();
        match op {
            Op::Insert if is_word => stats.inserted += 1,
            Op::Delete if is_word => stats.deleted += 1,
            _ => {}
        }
        push(&mut raw, op, text);
    }
    // Fold blank equal runs that sit between two changes into both sides.
    let mut changes: Vec<Segment> = Vec::new();
    let mut pending_delete = String::new();
    let mut pending_insert = String::new();
    let flush = |changes: &mut Vec<Segment>, del: &mut String, ins: &mut String| {
        push(changes, Op::Delete, del);
        push(changes, Op::Insert, ins);
        del.clear();
        ins.clear();
    };
    for (i, segment) in raw.iter().enumerate() {
        match segment.op {
            Op::Delete => pending_delete.push_str(&segment.text),
            Op::Insert => pending_insert.push_str(&segment.text),
            Op::Equal => {
                let between_changes = i > 0
                    && raw.get(i + 1).is_some_and(|next| next.op != Op::Equal)
                    && !(pending_delete.is_empty() && pending_insert.is_empty())
                    && segment.text.trim().is_empty()
                    && !segment.text.contains('\n');
                if between_changes {
                    pending_delete.push_str(&segment.text);
                    pending_insert.push_str(&segment.text);
                } else {
                    flush(&mut changes, &mut pending_delete, &mut pending_insert);
                    push(&mut changes, Op::Equal, &segment.text);
                }
            }
        }
    }
    flush(&mut changes, &mut pending_delete, &mut pending_insert);
    Redline { changes, stats }
}

/// Makes an uploaded file's name safe to keep and to send back: the last
/// path component, without control characters, at most 200 characters.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
    if cleaned.is_empty() {
        "document".into()
    } else {
        cleaned
    }
}

/// A `Content-Disposition: attachment` value with an ASCII fallback name and
/// the UTF-8 name (RFC 6266).
pub fn attachment_header(filename: &str) -> String {
    let fallback: String = filename
        .chars()
        .map(|c| {
            if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        urlencoding::encode(filename)
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        for (name, content) in entries {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn types_are_recognised_by_content() {
        let docx = zip_of(&[(
            "word/document.xml",
            "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>",
        )]);
        assert_eq!(sniff(&docx, "a.pdf"), Some(DocKind::Docx));
        let odt = zip_of(&[("mimetype", ODT_MEDIA_TYPE), ("content.xml", "<x/>")]);
        assert_eq!(sniff(&odt, "a.txt"), Some(DocKind::Odt));
        let other_zip = zip_of(&[("xl/workbook.xml", "<x/>")]);
        assert_eq!(sniff(&other_zip, "a.docx"), None);
        assert_eq!(sniff(b"%PDF-1.4\n", "a.txt"), Some(DocKind::Pdf));
        assert_eq!(sniff("نص".as_bytes(), "a.docx"), Some(DocKind::Text));
        assert_eq!(sniff(b"# Title", "notes.MD"), Some(DocKind::Markdown));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0", "a.txt"), None);
        assert_eq!(sniff(b"a\0b", "a.txt"), None);
        assert_eq!(sniff(&[0xff, 0xfe, 0x41], "a.txt"), None);
    }

    #[test]
    fn docx_and_odt_paragraphs_become_lines() {
        let docx = zip_of(&[(
            "word/document.xml",
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>\
             <w:p><w:r><w:t>Article</w:t></w:r><w:r><w:t xml:space=\"preserve\"> one &amp; two</w:t></w:r></w:p>\
             <w:p><w:r><w:instrText>PAGE</w:instrText><w:delText>gone</w:delText><w:t>المادة</w:t><w:tab/><w:t>2</w:t></w:r></w:p>\
             </w:body></w:document>",
        )]);
        assert_eq!(
            extract_text(DocKind::Docx, &docx).unwrap(),
            "Article one & two\nالمادة\t2"
        );
        let odt = zip_of(&[
            ("mimetype", ODT_MEDIA_TYPE),
            (
                "content.xml",
                "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\"><office:body><office:text>\
                 <text:h>Titre</text:h><text:p>Un<text:s text:c=\"2\"/>deux<text:line-break/>trois <text:span>quatre</text:span></text:p>\
                 </office:text></office:body></office:document-content>",
            ),
        ]);
        assert_eq!(
            extract_text(DocKind::Odt, &odt).unwrap(),
            "Titre\nUn  deux\ntrois quatre"
        );
    }

    #[test]
    fn redline_marks_words_and_counts_them() {
        let r = redline("the cat sat on the mat", "the dog sat on the red mat");
        assert_eq!(
            r.stats,
            RedlineStats {
                inserted: 2,
                deleted: 1
            }
        );
        let ops: Vec<(Op, &str)> = r.changes.iter().map(|s| (s.op, s.text.as_str())).collect();
        assert!(ops.contains(&(Op::Delete, "cat")));
        assert!(ops.contains(&(Op::Insert, "dog")));
        assert!(
            ops.iter()
                .any(|(op, t)| *op == Op::Insert && t.contains("red"))
        );
        let old: String = r
            .changes
            .iter()
            .filter(|s| s.op != Op::Insert)
            .map(|s| s.text.as_str())
            .collect();
        let new: String = r
            .changes
            .iter()
            .filter(|s| s.op != Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(old, "the cat sat on the mat");
        assert_eq!(new, "the dog sat on the red mat");
    }

    #[test]
    fn adjacent_replacements_read_as_one() {
        let r = redline("one a b two", "one x y two");
        assert_eq!(
            r.changes,
            vec![
                Segment {
                    op: Op::Equal,
                    text: "one ".into()
                },
                Segment {
                    op: Op::Delete,
                    text: "a b".into()
                },
                Segment {
                    op: Op::Insert,
                    text: "x y".into()
                },
                Segment {
                    op: Op::Equal,
                    text: " two".into()
                },
            ]
        );
    }

    #[test]
    fn filenames_are_cleaned_and_quoted() {
        assert_eq!(clean_filename("C:\\x\\..\\draft v2.docx"), "draft v2.docx");
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename(".."), "document");
        assert_eq!(
            attachment_header("مسودة \"1\".txt"),
            "attachment; filename=\"_____ _1_.txt\"; filename*=UTF-8''%D9%85%D8%B3%D9%88%D8%AF%D8%A9%20%221%22.txt"
        );
    }
}
