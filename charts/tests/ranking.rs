mod common;

use common::{background, count, fifty, labels_en, labels_zh, sector, texts};
use koubei_charts::{ranking_svg, ChartError, Size, Theme};

#[test]
fn every_subject_is_named_in_chinese_english_and_escaped_form() {
    let svg = ranking_svg(
        &sector(),
        &labels_zh(),
        Size::auto_height(800),
        Theme::Light,
    )
    .unwrap();
    let texts = texts(&svg);
    for name in [
        "康乐养老服务中心",
        "福田区颐年院",
        "A&B <Dental> \"Care\"",
        "Golden Years",
        "宝安区敬老院",
    ] {
        assert!(
            texts.iter().any(|t| t == name),
            "{name} missing from {texts:?}"
        );
    }
    assert!(svg.contains("A&amp;B &lt;Dental&gt; &quot;Care&quot;"));
    assert!(!svg.contains("<Dental>"));
}

#[test]
fn insufficient_samples_are_listed_with_their_n_but_never_plotted() {
    let rows = sector();
    let svg = ranking_svg(&rows, &labels_zh(), Size::auto_height(800), Theme::Light).unwrap();
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "样本不足，未排名"), "{texts:?}");
    let list = texts
        .iter()
        .find(|t| t.contains("慈恩护理院"))
        .expect("listed");
    assert!(list.contains("慈恩护理院 (n = 12)"), "{list}");
    assert!(list.contains("Sunrise & Sons (n = 7)"), "{list}");
    // One dot per ranked subject, none for the others; no row of their own either.
    let ranked = rows.iter().filter(|r| r.result.is_some()).count();
    assert_eq!(count(&svg, "circle"), ranked);
    assert!(!texts.iter().any(|t| t == "慈恩护理院"));
    assert!(!texts.iter().any(|t| t == "n = 12"));
}

#[test]
fn each_row_ends_with_its_n_and_tiers_are_labelled() {
    let svg = ranking_svg(
        &sector(),
        &labels_en(),
        Size::auto_height(800),
        Theme::Light,
    )
    .unwrap();
    let texts = texts(&svg);
    for n in ["n = 390", "n = 336", "n = 310", "n = 225", "n = 210"] {
        assert!(texts.iter().any(|t| t == n), "{n}");
    }
    // Tier 1 holds two subjects: one label per tier, not per row.
    for tier in ["Tier 1", "Tier 2", "Tier 3", "Tier 4"] {
        assert_eq!(texts.iter().filter(|t| *t == tier).count(), 1, "{tier}");
    }
    assert!(texts.iter().any(|t| t == "43.6"));
    assert!(texts.iter().any(|t| t == "-38.1"));
}

#[test]
fn the_axis_is_zoomed_to_the_data_rounded_out_to_tens() {
    let svg = ranking_svg(
        &sector(),
        &labels_en(),
        Size::auto_height(800),
        Theme::Light,
    )
    .unwrap();
    let texts = texts(&svg);
    // Intervals span -47.1..52.6: the axis runs -50..60, so no -100 or 100 tick.
    assert!(texts.iter().any(|t| t == "0"));
    assert!(
        !texts.iter().any(|t| t == "-100" || t == "100"),
        "{texts:?}"
    );
}

#[test]
fn sizes_outside_the_limits_are_refused_before_drawing() {
    let rows = sector();
    let labels = labels_zh();
    let refused =
        |size| ranking_svg(&rows, &labels, size, Theme::Light).map_err(|e| e.status_code());
    assert_eq!(refused(Size::new(319, 600)), Err(400));
    assert_eq!(refused(Size::new(2401, 600)), Err(400));
    assert_eq!(refused(Size::new(800, 199)), Err(400));
    assert_eq!(refused(Size::new(800, 4001)), Err(400));
    assert!(matches!(
        ranking_svg(&rows, &labels, Size::auto_height(100), Theme::Light),
        Err(ChartError::Width { got: 100, .. })
    ));
    assert_eq!(Size::new(320, 200).validate(), Ok(()));
    assert!(refused(Size::new(320, 480)).is_ok());
    assert!(refused(Size::new(2400, 4000)).is_ok());
}

#[test]
fn a_requested_height_is_kept_and_an_automatic_one_grows_with_the_rows() {
    let svg = ranking_svg(&sector(), &labels_zh(), Size::new(640, 900), Theme::Light).unwrap();
    assert!(
        svg.starts_with("<svg width=\"640\" height=\"900\""),
        "{}",
        &svg[..80]
    );
    let height = |svg: &str| {
        let start = svg.find("height=\"").unwrap() + 8;
        svg[start..]
            .split('"')
            .next()
            .unwrap()
            .parse::<u32>()
            .unwrap()
    };
    let small = ranking_svg(
        &sector(),
        &labels_zh(),
        Size::auto_height(800),
        Theme::Light,
    )
    .unwrap();
    let large = ranking_svg(&fifty(), &labels_zh(), Size::auto_height(800), Theme::Light).unwrap();
    assert!(height(&large) > height(&small) + 40 * 20);
}

#[test]
fn the_dark_theme_changes_the_background() {
    let light = ranking_svg(&sector(), &labels_zh(), Size::default(), Theme::Light).unwrap();
    let dark = ranking_svg(&sector(), &labels_zh(), Size::default(), Theme::Dark).unwrap();
    assert_eq!(background(&light), "#FFFFFF");
    assert_ne!(background(&dark), background(&light));
    assert_eq!(background(&dark), "#16181D");
}

#[test]
fn the_document_has_an_accessible_name_and_cjk_fonts_first() {
    let svg = ranking_svg(&sector(), &labels_zh(), Size::default(), Theme::Light).unwrap();
    assert!(svg.contains("<title>2026年深圳市养老机构口碑排名</title>"));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains(
        "font-family=\"&apos;Noto Sans CJK SC&apos;, &apos;Noto Sans SC&apos;, &apos;PingFang SC&apos;, &apos;Microsoft YaHei&apos;, sans-serif\""
    ));
}

#[test]
fn fifty_subjects_get_an_axis_above_and_below() {
    let svg = ranking_svg(&fifty(), &labels_zh(), Size::auto_height(800), Theme::Light).unwrap();
    let texts = texts(&svg);
    assert_eq!(count(&svg, "circle"), 50);
    assert_eq!(texts.iter().filter(|t| *t == "0").count(), 2);
    assert!(texts.iter().any(|t| t == "品牌49 Brand"));
}

#[test]
fn a_ranking_with_nobody_ranked_still_lists_the_rest() {
    let rows = vec![common::unranked("唯一机构", 3)];
    let svg = ranking_svg(&rows, &labels_zh(), Size::default(), Theme::Light).unwrap();
    assert_eq!(count(&svg, "circle"), 0);
    assert!(texts(&svg).iter().any(|t| t.contains("唯一机构 (n = 3)")));
    assert!(ranking_svg(&[], &labels_zh(), Size::default(), Theme::Light).is_ok());
}
