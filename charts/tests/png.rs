//! PNG output, decoded and looked at: the size asked for, and text that leaves ink.

mod common;

use common::{distribution, labels_zh, sector};
use koubei_charts::{
    distribution_svg, ranking_svg, svg_to_png, trend_svg, DistributionLabels, Size, Theme,
    TrendLabels, TrendPoint, TrendSeries,
};

struct Image {
    width: u32,
    height: u32,
    channels: usize,
    data: Vec<u8>,
}

impl Image {
    fn decode(png: &[u8]) -> Image {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().expect("a PNG");
        let mut data = vec![0; reader.output_buffer_size().expect("a size")];
        let info = reader.next_frame(&mut data).expect("a frame");
        let channels = match info.color_type {
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => panic!("unexpected colour type {other:?}"),
        };
        data.truncate(info.buffer_size());
        Image {
            width: info.width,
            height: info.height,
            channels,
            data,
        }
    }

    /// RGBA; opaque when the PNG has no alpha channel.
    fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = (y * self.width + x) as usize * self.channels;
        let alpha = if self.channels == 4 {
            self.data[i + 3]
        } else {
            u8::MAX
        };
        [self.data[i], self.data[i + 1], self.data[i + 2], alpha]
    }

    /// Pixels darker than mid-grey in the rectangle.
    fn dark_pixels(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let [r, g, b, _] = self.pixel(x, y);
                (u32::from(r) + u32::from(g) + u32::from(b)) / 3 < 128
            })
            .count()
    }
}

#[test]
fn the_png_has_the_requested_size() {
    let svg = ranking_svg(&sector(), &labels_zh(), Size::new(640, 480), Theme::Light).unwrap();
    let image = Image::decode(&svg_to_png(&svg).unwrap());
    assert_eq!((image.width, image.height), (640, 480));
    let svg = ranking_svg(&sector(), &labels_zh(), Size::new(2400, 4000), Theme::Light).unwrap();
    let image = Image::decode(&svg_to_png(&svg).unwrap());
    assert_eq!((image.width, image.height), (2400, 4000));
}

#[test]
fn the_chinese_title_adds_ink_where_the_title_is_drawn() {
    let size = Size::new(800, 500);
    let titled = ranking_svg(&sector(), &labels_zh(), size, Theme::Light).unwrap();
    let mut untitled_labels = labels_zh();
    untitled_labels.title = String::new();
    let untitled = ranking_svg(&sector(), &untitled_labels, size, Theme::Light).unwrap();
    let titled = Image::decode(&svg_to_png(&titled).unwrap());
    let untitled = Image::decode(&svg_to_png(&untitled).unwrap());
    // The title line: 16 px margin, 26 px line, left-aligned; 15 characters at 20 px.
    let (with, without) = (
        titled.dark_pixels(16, 14, 340, 44),
        untitled.dark_pixels(16, 14, 340, 44),
    );
    assert_eq!(without, 0, "nothing else is drawn there");
    assert!(with > 800, "the title drew only {with} dark pixels");
}

#[test]
fn every_chart_renders_to_a_picture_that_is_not_blank() {
    let ranking = ranking_svg(&sector(), &labels_zh(), Size::default(), Theme::Dark).unwrap();
    let image = Image::decode(&svg_to_png(&ranking).unwrap());
    assert_eq!(
        image.pixel(1, 1),
        [0x16, 0x18, 0x1D, 0xFF],
        "dark background, opaque"
    );
    let light = |x: u32, y: u32, image: &Image| {
        let [r, g, b, _] = image.pixel(x, y);
        (u32::from(r) + u32::from(g) + u32::from(b)) / 3 > 128
    };
    let lit = (0..image.height)
        .flat_map(|y| (0..image.width).map(move |x| (x, y)))
        .filter(|&(x, y)| light(x, y, &image))
        .count();
    assert!(
        lit > 2000,
        "dark theme: {lit} light pixels of text and marks"
    );

    let labels = DistributionLabels {
        title: "占比".into(),
        subtitle: String::new(),
        detractors: "贬损者".into(),
        passives: "被动者".into(),
        promoters: "推荐者".into(),
    };
    let svg = distribution_svg(&distribution(), &labels, Size::default(), Theme::Light).unwrap();
    let image = Image::decode(&svg_to_png(&svg).unwrap());
    assert!(image.dark_pixels(0, 0, image.width, image.height) > 2000);

    let point = |nps: f64| {
        Some(TrendPoint {
            nps,
            ci_low: nps - 5.0,
            ci_high: nps + 5.0,
            significant_change: true,
        })
    };
    let series = vec![TrendSeries {
        name: "康乐".into(),
        points: vec![point(1.0), point(20.0)],
    }];
    let waves = vec!["2025".to_string(), "2026".to_string()];
    let svg = trend_svg(
        &waves,
        &series,
        &TrendLabels::default(),
        Size::new(600, 400),
        Theme::Light,
    )
    .unwrap();
    let image = Image::decode(&svg_to_png(&svg).unwrap());
    assert_eq!((image.width, image.height), (600, 400));
    assert!(image.dark_pixels(0, 0, 600, 400) > 500);
}

#[test]
fn malformed_svg_is_an_error() {
    assert!(svg_to_png("<svg").is_err());
}
