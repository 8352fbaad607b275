//! Parsing one HTTP/1.1 response out of a buffer that fills up read by read: the head by
//! `httparse`, the body's framing (length, chunked, keep-alive) here.
//!
//! The parser is stateless: it is handed everything received so far and answers "incomplete" until
//! a whole response is there. Re-scanning on every read costs nothing worth measuring for the small
//! responses a benchmark sees, and keeps the code free of a state machine. Bodies are framed by
//! `Content-Length` or `Transfer-Encoding: chunked`; a body delimited by closing the connection is
//! rejected rather than guessed at, since axum never sends one on a keep-alive connection.

use std::fmt;

/// The longest status line plus headers accepted before the response is declared broken.
const MAX_HEAD_LEN: usize = 64 * 1024;
/// Header fields accepted in one response (axum sends a handful).
const MAX_HEADERS: usize = 64;
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

/// Looks for one complete response at the start of `buf`. The head is read by `httparse` (the
/// parser under hyper); framing the body is ours, since httparse leaves it to its caller.
pub fn parse(buf: &[u8]) -> Result<Parsed, ParseError> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut head = httparse::Response::new(&mut fields);
    let head_len = match head.parse(buf) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) if buf.len() > MAX_HEAD_LEN => {
            return Err(ParseError::HeadTooLarge)
        }
        Ok(httparse::Status::Partial) => return Ok(Parsed::Incomplete),
        Err(httparse::Error::Status | httparse::Error::Version) => {
            return Err(ParseError::BadStatusLine)
        }
        Err(httparse::Error::TooManyHeaders) => return Err(ParseError::HeadTooLarge),
        Err(_) => return Err(ParseError::BadHeader),
    };
    if head_len > MAX_HEAD_LEN {
        return Err(ParseError::HeadTooLarge);
    }
    let status = head.code.ok_or(ParseError::BadStatusLine)?;
    if status < 100 {
        return Err(ParseError::BadStatusLine);
    }
    if status < 200 {
        return Err(ParseError::Informational(status));
    }

    let mut content_length = None;
    let mut chunked = false;
    // HTTP/1.1 keeps connections open unless told otherwise; HTTP/1.0 closes unless told otherwise.
    let mut keep_alive = head.version == Some(1);
    for field in head.headers.iter() {
        let (name, value) = (field.name, trim(field.value));
        if name.eq_ignore_ascii_case("content-length") {
            let length = parse_decimal(value).ok_or(ParseError::BadContentLength)?;
            if content_length.is_some_and(|seen| seen != length) {
                return Err(ParseError::BadContentLength);
            }
            content_length = Some(length);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            // Chunked must be the last coding applied; anything else (gzip alone) is unframed.
            let last = value.rsplit(|&b| b == b',').next().unwrap_or_default();
            chunked = trim(last).eq_ignore_ascii_case(b"chunked");
            if !chunked {
                return Err(ParseError::UnframedBody);
            }
        } else if name.eq_ignore_ascii_case("connection") {
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

/// Decodes a chunked body at the start of `buf`: `Some((body, bytes used))`, or `None` if more is
/// needed. Chunk extensions and trailer fields are skipped.
fn parse_chunked(buf: &[u8]) -> Result<Option<(Vec<u8>, usize)>, ParseError> {
    let mut body = Vec::new();
    let mut at = 0;
    loop {
        // The size line (hex size, extensions, CRLF), read by httparse.
        let (line_len, size) = match httparse::parse_chunk_size(&buf[at..]) {
            Ok(httparse::Status::Complete((length, size))) => (length, size),
            Ok(httparse::Status::Partial) => {
                return incomplete_unless(buf.len() - at > MAX_CHUNK_LINE_LEN)
            }
            Err(_) => return Err(ParseError::BadChunk),
        };
        let size = usize::try_from(size).map_err(|_| ParseError::BadChunk)?;
        at += line_len;
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
