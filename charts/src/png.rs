//! PNG output: the chart's SVG rasterised with resvg, text shaped with the system fonts plus any
//! in `KOUBEI_FONT_DIR`, so the PNG shows what a browser shows for the SVG. A character no font
//! can draw is an error, never a tofu box.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::fontdb::{Database, Family, Query};
use resvg::usvg::{FontResolver, Options, Tree};

use crate::ChartError;

/// The environment variable naming an extra directory of fonts (TTF, OTF, TTC) for PNG charts.
/// Its fonts are also the generic sans-serif, the last resort of every chart's font list.
pub const FONT_DIR_ENV: &str = "KOUBEI_FONT_DIR";

/// Families to use as the generic sans-serif when `KOUBEI_FONT_DIR` has none: CJK first.
const SANS_SERIF: [&str; 8] = [
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans",
    "DejaVu Sans",
    "Liberation Sans",
];

static FONTS: OnceLock<Arc<Database>> = OnceLock::new();

/// Loads the font database now instead of on the first PNG (it scans the font directories once
/// per process) and returns the number of font faces found. Optional; a server may call it at
/// start-up and log the count.
pub fn preload_fonts() -> usize {
    fonts().len()
}

fn fonts() -> &'static Arc<Database> {
    FONTS.get_or_init(|| {
        let extra = std::env::var_os(FONT_DIR_ENV).map(std::path::PathBuf::from);
        Arc::new(font_database(extra.as_deref(), true))
    })
}

/// A database of the system fonts (when `system`) and those in `extra`, with the generic
/// families pointing at a face that exists.
fn font_database(extra: Option<&std::path::Path>, system: bool) -> Database {
    let mut db = Database::new();
    if system {
        db.load_system_fonts();
    }
    let before = db.len();
    if let Some(dir) = extra {
        db.load_fonts_dir(dir);
    }
    let own = db
        .faces()
        .skip(before)
        .find_map(|face| face.families.first().map(|(name, _)| name.clone()));
    let installed = SANS_SERIF
        .into_iter()
        .find(|name| {
            db.query(&Query {
                families: &[Family::Name(name)],
                ..Query::default()
            })
            .is_some()
        })
        .map(str::to_string);
    let any = db
        .faces()
        .find_map(|face| face.families.first().map(|(name, _)| name.clone()));
    if let Some(family) = own.or(installed).or(any) {
        db.set_sans_serif_family(family.clone());
        // usvg's last resort is the generic serif: make it the same face.
        db.set_serif_family(family);
    }
    keep_mapped(&mut db);
    db
}

/// Maps every font file once for the life of the process. Without this fontdb maps the file
/// again for every glyph it reads: a 50-row chart took 250 ms to shape instead of 10 ms.
fn keep_mapped(db: &mut Database) {
    let ids: Vec<_> = db.faces().map(|face| face.id).collect();
    for id in ids {
        // SAFETY: the mapping is read-only and of font files the administrator installed; the
        // danger is a file truncated in place while mapped. fontdb's memmap feature, which
        // resvg uses by default, maps the same files for every glyph anyway; this keeps one
        // mapping per file instead. Package upgrades replace fonts by rename, which is safe.
        #[expect(
            unsafe_code,
            reason = "fontdb's only way to keep a font file mapped; see SAFETY"
        )]
        let _shared = unsafe { db.make_shared_face_data(id) };
    }
}

/// Rasterises an SVG document (one of this crate's charts, or any SVG) to a PNG of the SVG's
/// size.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ChartError> {
    render(svg, fonts())
}

fn render(svg: &str, fonts: &Arc<Database>) -> Result<Vec<u8>, ChartError> {
    if fonts.is_empty() && svg.contains("<text") {
        return Err(ChartError::NoFonts);
    }
    let missing: Mutex<BTreeSet<char>> = Mutex::new(BTreeSet::new());
    let tree = {
        let select_fallback = FontResolver::default_fallback_selector();
        let options = Options {
            fontdb: Arc::clone(fonts),
            font_family: "sans-serif".into(),
            languages: vec!["zh-CN".into(), "en".into()],
            font_resolver: FontResolver {
                select_font: FontResolver::default_font_selector(),
                select_fallback: Box::new(|c, used, db| {
                    let found = select_fallback(c, used, db);
                    if found.is_none() && !c.is_whitespace() {
                        if let Ok(mut missing) = missing.lock() {
                            missing.insert(c);
                        }
                    }
                    found
                }),
            },
            ..Options::default()
        };
        Tree::from_str(svg, &options).map_err(|error| ChartError::Svg(error.to_string()))?
    };
    let missing = missing
        .into_inner()
        .map_err(|_| ChartError::Draw("font fallback lock poisoned".into()))?;
    if !missing.is_empty() {
        return Err(ChartError::MissingGlyphs {
            chars: missing.into_iter().collect(),
        });
    }
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ChartError::Svg(format!("cannot allocate {size:?} pixels")))?;
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    encode(&pixmap)
}

/// The pixmap as a PNG: RGB when every pixel is opaque (a chart always is), else RGBA. Flat
/// colours compress best unfiltered; on the 50-subject ranking deflate level 1 took 6 ms for
/// 238 KB where png's default (adaptive filters, level 6) took 106 ms for 209 KB.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, ChartError> {
    let opaque = pixmap.pixels().iter().all(|pixel| pixel.alpha() == u8::MAX);
    let (colour, data): (png::ColorType, Vec<u8>) = if opaque {
        let rgb = pixmap
            .pixels()
            .iter()
            .flat_map(|pixel| [pixel.red(), pixel.green(), pixel.blue()])
            .collect();
        (png::ColorType::Rgb, rgb)
    } else {
        let rgba = pixmap
            .pixels()
            .iter()
            .flat_map(|pixel| {
                let c = pixel.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        (png::ColorType::Rgba, rgba)
    };
    let png_error = |error: png::EncodingError| ChartError::Png(error.to_string());
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(colour);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_filter(png::Filter::NoFilter);
        encoder.set_deflate_compression(png::DeflateCompression::Level(1));
        let mut writer = encoder.write_header().map_err(png_error)?;
        writer.write_image_data(&data).map_err(png_error)?;
        writer.finish().map_err(png_error)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHINESE: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="0" y="15" font-family="sans-serif">中文</text></svg>"#;

    #[test]
    fn no_fonts_at_all_is_an_error_not_a_blank_picture() {
        let empty = Arc::new(font_database(None, false));
        let error = render(CHINESE, &empty);
        assert_eq!(error, Err(ChartError::NoFonts));
    }

    #[test]
    fn chinese_without_a_cjk_font_is_an_error_not_tofu() {
        let dejavu = std::path::Path::new("/usr/share/fonts/truetype/dejavu");
        if !dejavu.is_dir() {
            eprintln!("skipped: no DejaVu fonts at {}", dejavu.display());
            return;
        }
        let latin_only = Arc::new(font_database(Some(dejavu), false));
        // usvg gives up on a run at its first character without a font: that one is named.
        assert_eq!(
            render(CHINESE, &latin_only),
            Err(ChartError::MissingGlyphs {
                chars: "中".into()
            })
        );
        let latin = CHINESE.replace("中文", "A&amp;B");
        assert!(render(&latin, &latin_only).is_ok());
    }

    #[test]
    fn pictures_without_text_need_no_fonts() {
        let empty = Arc::new(font_database(None, false));
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><rect width="3" height="2" fill="red"/></svg>"#;
        let png = render(svg, &empty).unwrap_or_default();
        assert_eq!(&png[1..4], b"PNG");
    }
}
