//! Compressing a kept view once, and picking the form a reader accepts.

use std::io::Write;

/// The forms a kept body is held in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    pub fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }
}

/// The best form `accept_encoding` allows: Brotli, then gzip, then the body as is. A coding
/// with `q=0` is refused, even when `*` would otherwise allow it.
pub fn preferred(accept_encoding: Option<&str>) -> Encoding {
    let Some(header) = accept_encoding else {
        return Encoding::Identity;
    };
    // (coding, accepted) for every item of the header.
    let items: Vec<(String, bool)> = header
        .split(',')
        .map(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                let p = p.trim();
                (p.starts_with("q=") || p.starts_with("Q="))
                    && p[2..].trim().parse::<f32>().is_ok_and(|q| q <= 0.0)
            });
            (name, !refused)
        })
        .collect();
    let accepts = |wanted: &str| match items.iter().find(|(name, _)| name == wanted) {
        Some((_, accepted)) => *accepted,
        None => items
            .iter()
            .any(|(name, accepted)| name == "*" && *accepted),
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// gzip at the default level: done once per kept view, so the smaller body is worth it.
pub fn gzip(body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body)?;
    encoder.finish()
}

/// Brotli at quality 6 (of 11), window 22: a middle setting, paid once per kept view and never
/// by an address's first request. (Its cost against gzip was not measured.)
pub fn brotli(body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 6, 22);
        writer.write_all(body)?;
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_best_accepted_coding_is_chosen() {
        assert_eq!(preferred(None), Encoding::Identity);
        assert_eq!(preferred(Some("gzip, deflate, br")), Encoding::Brotli);
        assert_eq!(preferred(Some("gzip, br;q=0")), Encoding::Gzip);
        assert_eq!(preferred(Some("GZIP")), Encoding::Gzip);
        assert_eq!(preferred(Some("deflate")), Encoding::Identity);
        assert_eq!(preferred(Some("identity")), Encoding::Identity);
        assert_eq!(preferred(Some("*")), Encoding::Brotli);
        assert_eq!(preferred(Some("br;q=0, gzip;q=0")), Encoding::Identity);
        assert_eq!(preferred(Some("br;q=0, *")), Encoding::Gzip);
        assert_eq!(preferred(Some("br;Q=0, gzip")), Encoding::Gzip);
    }

    #[test]
    fn both_compressed_forms_read_back_as_the_body() {
        let body = "口碑 NPS ".repeat(500).into_bytes();
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&body).expect("gzip")[..])
            .read_to_end(&mut unzipped)
            .expect("gunzip");
        assert_eq!(unzipped, body);
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&brotli(&body).expect("br")[..], 4096)
            .read_to_end(&mut unbrotli)
            .expect("unbrotli");
        assert_eq!(unbrotli, body);
        assert!(brotli(&body).expect("br").len() < body.len() / 10);
    }
}
