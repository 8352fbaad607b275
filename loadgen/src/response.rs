//! Parsing one HTTP/1.1 response out of a buffer that fills up read by read.
//!
//! The parser is stateless: it is handed everything received so far and answers "incomplete" until
//! a whole response is there. Re-scanning on every read costs nothing worth measuring for the small
//! responses a benchmark sees, and keeps the code free of a state machine. Bodies are framed by
//! `Content-Length` or `Transfer-Encoding: chunked`; a body delimited by closing the connection is
//! rejected rather than guessed at, since axum never sends one on a keep-alive connection.

use std::fmt;

/// The longest status line plus headers accepted before the response is declared broken.
const MAX_HEAD_LEN: usize = 64 * 1024;
/// The longest chunk-size line (size, extensions) accepted in a chunked body.
const MAX_CHUNK_LINE_LEN: usize = 1024;

/// A complete response, as much of it as a load generator needs.
#[derive(Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    /// Whether the server keeps the connection open for another request.
    pub keep_alive: bool,
}

/// The outcome of looking at the bytes received so far.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Not a whole response yet: read more and try again.
    Incomplete,
    /// A whole response, and how many bytes of the buffer it took (later bytes belong to the next).
    Complete(Response, usize),
}

/// Why the bytes are not a response this parser accepts.
#[derive(Debug, PartialEq, Eq)]
pub enum ParseError {
    HeadTooLarge,
    BadStatusLine,
    BadHeader,
    BadContentLength,
    BadChunk,
    /// Neither `Content-Length` nor chunked: the body would end when the connection closes.
    UnframedBody,
    /// 1xx responses are never sent to requests without `Expect` or `Upgrade`, which we never send.
    Informational(u16),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::HeadTooLarge => write!(f, "response head longer than {MAX_HEAD_LEN} bytes"),
            Self::BadStatusLine => f.write_str("malformed status line"),
            Self::BadHeader => f.write_str("malformed header line"),
            Self::BadContentLength => f.write_str("malformed or conflicting Content-Length"),
            Self::BadChunk => f.write_str("malformed chunked body"),
            Self::UnframedBody => {
                f.write_str("response has neither Content-Length nor chunked encoding")
            }
            Self::Informational(status) => write!(f, "unexpected informational response {status}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// How the body's end is found.
enum Framing {
    Length(usize),
    Chunked,
}

/// Looks for one complete response at the start of `buf`.
pub fn parse(buf: &[u8]) -> Result<Parsed, ParseError> {
    let Some(head_len) = find(buf, b"\r\n\r\n").map(|at| at + 4) else {
        return if buf.len() > MAX_HEAD_LEN {
            Err(ParseError::HeadTooLarge)
        } else {
            Ok(Parsed::Incomplete)
        };
    };
    if head_len > MAX_HEAD_LEN {
        return Err(ParseError::HeadTooLarge);
    }
    // The head without its final empty line: the status line, then one header per line.
    let mut lines = buf[..head_len - 4].split(|&b| b == b'\n').map(strip_cr);
    let (http_11, status) = parse_status_line(lines.next().unwrap_or_default())?;
    if (100..200).contains(&status) {
        return Err(ParseError::Informational(status));
    }

    let mut content_length = None;
    let mut chunked = false;
    // HTTP/1.1 keeps connections open unless told otherwise; HTTP/1.0 closes unless told otherwise.
    let mut keep_alive = http_11;
    for line in lines {
        let (name, value) = parse_header(line)?;
        if name.eq_ignore_ascii_case(b"content-length") {
            let length = parse_decimal(value).ok_or(ParseError::BadContentLength)?;
            if content_length.is_some_and(|seen| seen != length) {
                return Err(ParseError::BadContentLength);
            }
            content_length = Some(length);
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            // Chunked must be the last coding applied; anything else (gzip alone) is unframed.
            let last = value.rsplit(|&b| b == b',').next().unwrap_or_default();
            chunked = trim(last).eq_ignore_ascii_case(b"chunked");
            if !chunked {
                return Err(ParseError::UnframedBody);
            }
        } else if name.eq_ignore_ascii_case(b"connection") {
            for token in value.split(|&b| b == b',').map(trim) {
                if token.eq_ignore_ascii_case(b"close") {
                    keep_alive = false;
                } else if token.eq_ignore_ascii_case(b"keep-alive") {
                    keep_alive = true;
                }
            }
        }
    }

    // RFC 9112 §6.3: these never have a body, whatever the headers say; chunked wins over length.
    let framing = if status == 204 || status == 304 {
        Framing::Length(0)
    } else if chunked {
        Framing::Chunked
    } else {
        Framing::Length(content_length.ok_or(ParseError::UnframedBody)?)
    };
    let rest = &buf[head_len..];
    let (body, body_len) = match framing {
        Framing::Length(length) if rest.len() >= length => (rest[..length].to_vec(), length),
        Framing::Length(_) => return Ok(Parsed::Incomplete),
        Framing::Chunked => match parse_chunked(rest)? {
            Some(decoded) => decoded,
            None => return Ok(Parsed::Incomplete),
        },
    };
    let response = Response {
        status,
        body,
        keep_alive,
    };
    Ok(Parsed::Complete(response, head_len + body_len))
}

/// `HTTP/1.1 200 OK` → (is HTTP/1.1, 200). The reason phrase may be empty or missing.
fn parse_status_line(line: &[u8]) -> Result<(bool, u16), ParseError> {
    let http_11 = match line.get(..9) {
        Some(b"HTTP/1.1 ") => true,
        Some(b"HTTP/1.0 ") => false,
        _ => return Err(ParseError::BadStatusLine),
    };
    let code = line.get(9..12).ok_or(ParseError::BadStatusLine)?;
    if !code.iter().all(u8::is_ascii_digit) || !matches!(line.get(12), None | Some(b' ')) {
        return Err(ParseError::BadStatusLine);
    }
    let status = code
        .iter()
        .fold(0u16, |acc, digit| acc * 10 + u16::from(digit - b'0'));
    if status < 100 {
        return Err(ParseError::BadStatusLine);
    }
    Ok((http_11, status))
}

/// `Name: value` → (name, value without surrounding whitespace).
fn parse_header(line: &[u8]) -> Result<(&[u8], &[u8]), ParseError> {
    let colon = line
        .iter()
        .position(|&b| b == b':')
        .ok_or(ParseError::BadHeader)?;
    let name = &line[..colon];
    // No whitespace is allowed in or around a field name (RFC 9112 §5.1); obsolete line folding
    // (a line starting with a space) is rejected by the same rule.
    if name.is_empty() || name.iter().any(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::BadHeader);
    }
    Ok((name, trim(&line[colon + 1..])))
}

/// Decodes a chunked body at the start of `buf`: `Some((body, bytes used))`, or `None` if more is
/// needed. Chunk extensions and trailer fields are skipped.
fn parse_chunked(buf: &[u8]) -> Result<Option<(Vec<u8>, usize)>, ParseError> {
    let mut body = Vec::new();
    let mut at = 0;
    loop {
        let Some(line_len) = find(&buf[at..], b"\r\n") else {
            return incomplete_unless(buf.len() - at > MAX_CHUNK_LINE_LEN);
        };
        let line = &buf[at..at + line_len];
        let size_digits = line.split(|&b| b == b';').next().unwrap_or_default();
        let size = parse_hex(trim(size_digits)).ok_or(ParseError::BadChunk)?;
        at += line_len + 2;
        if size == 0 {
            break;
        }
        // The chunk's data, then its own CRLF.
        let Some(end) = at
            .checked_add(size)
            .filter(|&end| buf.len().saturating_sub(end) >= 2)
        else {
            return Ok(None);
        };
        if &buf[end..end + 2] != b"\r\n" {
            return Err(ParseError::BadChunk);
        }
        body.extend_from_slice(&buf[at..end]);
        at = end + 2;
    }
    // Trailer fields, if any, up to and including the empty line that ends the message.
    loop {
        let Some(line_len) = find(&buf[at..], b"\r\n") else {
            return incomplete_unless(buf.len() - at > MAX_HEAD_LEN);
        };
        at += line_len + 2;
        if line_len == 0 {
            return Ok(Some((body, at)));
        }
    }
}

fn incomplete_unless<T>(too_long: bool) -> Result<Option<T>, ParseError> {
    if too_long {
        Err(ParseError::BadChunk)
    } else {
        Ok(None)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn trim(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

/// Digits only (no sign, no spaces), without overflow.
fn parse_decimal(digits: &[u8]) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0usize, |acc, &b| {
        let digit = char::from(b).to_digit(10)?;
        acc.checked_mul(10)?.checked_add(digit as usize)
    })
}

fn parse_hex(digits: &[u8]) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0usize, |acc, &b| {
        let digit = char::from(b).to_digit(16)?;
        acc.checked_mul(16)?.checked_add(digit as usize)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(bytes: &[u8]) -> (Response, usize) {
        match parse(bytes) {
            Ok(Parsed::Complete(response, used)) => (response, used),
            other => panic!("expected a complete response, got {other:?}"),
        }
    }

    #[test]
    fn a_content_length_response_is_parsed_with_its_body() {
        let bytes = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok";
        let (response, used) = complete(bytes);
        assert_eq!(response.status, 200);
        assert_eq!(response.body, b"ok");
        assert!(response.keep_alive);
        assert_eq!(used, bytes.len());
    }

    #[test]
    fn header_names_are_case_insensitive_and_values_trimmed() {
        let (response, _) = complete(b"HTTP/1.1 201 Created\r\nCONTENT-LENGTH:   3  \r\n\r\nabc");
        assert_eq!(response.status, 201);
        assert_eq!(response.body, b"abc");
    }

    #[test]
    fn every_prefix_of_a_response_is_incomplete() {
        // A response can arrive split anywhere, even inside "\r\n\r\n" or a header name.
        let bytes = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        for end in 0..bytes.len() {
            assert_eq!(
                parse(&bytes[..end]),
                Ok(Parsed::Incomplete),
                "prefix of {end} bytes"
            );
        }
        assert_eq!(complete(bytes).0.body, b"hello");
    }

    #[test]
    fn bytes_after_the_response_are_left_for_the_next_one() {
        let first = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".as_slice();
        let second = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".as_slice();
        let bytes = [first, second].concat();
        let (response, used) = complete(&bytes);
        assert_eq!((response.status, used), (200, first.len()));
        let (response, used) = complete(&bytes[used..]);
        assert_eq!((response.status, used), (404, second.len()));
        assert!(response.body.is_empty());
    }

    #[test]
    fn a_chunked_body_is_decoded_and_trailers_are_skipped() {
        let bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
            4;ext=1\r\nWiki\r\nA\r\npedia in c\r\n0\r\nX-Trailer: yes\r\n\r\nNEXT";
        let (response, used) = complete(bytes);
        assert_eq!(response.body, b"Wikipedia in c");
        assert_eq!(&bytes[used..], b"NEXT");
    }

    #[test]
    fn every_prefix_of_a_chunked_response_is_incomplete() {
        let bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n\
            3\r\nabc\r\n0\r\n\r\n";
        for end in 0..bytes.len() {
            assert_eq!(
                parse(&bytes[..end]),
                Ok(Parsed::Incomplete),
                "prefix of {end} bytes"
            );
        }
        assert_eq!(complete(bytes).0.body, b"abc");
    }

    #[test]
    fn chunked_takes_precedence_over_content_length() {
        let bytes =
            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
        let (response, used) = complete(bytes);
        assert!(response.body.is_empty());
        assert_eq!(used, bytes.len());
    }

    #[test]
    fn a_chunk_not_followed_by_crlf_is_rejected() {
        let bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n";
        assert_eq!(parse(bytes), Err(ParseError::BadChunk));
        let bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
        assert_eq!(parse(bytes), Err(ParseError::BadChunk));
    }

    #[test]
    fn connection_close_and_http_10_end_keep_alive() {
        let (response, _) =
            complete(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        assert!(!response.keep_alive);
        let (response, _) = complete(b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        assert!(!response.keep_alive);
        let (response, _) =
            complete(b"HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n");
        assert!(response.keep_alive);
    }

    #[test]
    fn no_content_needs_no_length_and_a_missing_reason_is_accepted() {
        let (response, used) = complete(b"HTTP/1.1 204\r\n\r\n");
        assert_eq!((response.status, used), (204, 16));
        assert!(response.body.is_empty());
    }

    #[test]
    fn a_body_without_framing_is_rejected() {
        assert_eq!(
            parse(b"HTTP/1.1 200 OK\r\n\r\nuntil close"),
            Err(ParseError::UnframedBody)
        );
        assert_eq!(
            parse(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"),
            Err(ParseError::UnframedBody)
        );
    }

    #[test]
    fn malformed_heads_are_rejected() {
        for (bytes, error) in [
            (&b"HTTP/2 200 OK\r\n\r\n"[..], ParseError::BadStatusLine),
            (b"HTTP/1.1 2x0 OK\r\n\r\n", ParseError::BadStatusLine),
            (b"HTTP/1.1 2000 OK\r\n\r\n", ParseError::BadStatusLine),
            (b"HTTP/1.1 099 Odd\r\n\r\n", ParseError::BadStatusLine),
            (
                b"HTTP/1.1 100 Continue\r\n\r\n",
                ParseError::Informational(100),
            ),
            (
                b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
                ParseError::BadHeader,
            ),
            (
                b"HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
                ParseError::BadHeader,
            ),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                ParseError::BadContentLength,
            ),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                ParseError::BadContentLength,
            ),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                ParseError::BadContentLength,
            ),
        ] {
            assert_eq!(
                parse(bytes),
                Err(error),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn an_endless_head_is_rejected_instead_of_buffered_forever() {
        let mut bytes = b"HTTP/1.1 200 OK\r\n".to_vec();
        bytes.resize(MAX_HEAD_LEN + 1, b'a');
        assert_eq!(parse(&bytes), Err(ParseError::HeadTooLarge));
    }
}
