mod common;

use common::{background, count, distribution, texts};
use koubei_charts::{distribution_svg, DistributionLabels, DistributionRow, Size, Theme};

fn labels() -> DistributionLabels {
    DistributionLabels {
        title: "推荐者、被动者与贬损者占比".into(),
        subtitle: "2026".into(),
        detractors: "贬损者（0–6分）".into(),
        passives: "被动者（7–8分）".into(),
        promoters: "推荐者（9–10分）".into(),
    }
}

#[test]
fn every_subject_is_named_with_its_n() {
    let rows = distribution();
    let svg = distribution_svg(&rows, &labels(), Size::auto_height(800), Theme::Light).unwrap();
    let texts = texts(&svg);
    for row in &rows {
        assert!(texts.contains(&row.name), "{} missing", row.name);
        let n = row.detractors + row.passives + row.promoters;
        assert!(texts.iter().any(|t| *t == format!("n = {n}")), "n = {n}");
    }
    assert!(svg.contains("A&amp;B &lt;Dental&gt;"));
}

#[test]
fn the_legend_names_the_three_groups_in_the_callers_words() {
    let svg = distribution_svg(&distribution(), &labels(), Size::default(), Theme::Light).unwrap();
    let texts = texts(&svg);
    for label in ["贬损者（0–6分）", "被动者（7–8分）", "推荐者（9–10分）"]
    {
        assert!(texts.iter().any(|t| t == label), "{label}");
    }
}

#[test]
fn shares_printed_in_a_bar_add_up_to_100() {
    let rows = vec![DistributionRow {
        name: "Thirds".into(),
        detractors: 1,
        passives: 1,
        promoters: 1,
    }];
    let svg = distribution_svg(&rows, &labels(), Size::new(1200, 300), Theme::Light).unwrap();
    let texts = texts(&svg);
    // The axis is drawn first (0 % to 100 % in quarters), then the bar's segments.
    let shares: Vec<&String> = texts.iter().filter(|t| t.ends_with('%')).skip(5).collect();
    assert_eq!(shares, ["34%", "33%", "33%"]);
}

#[test]
fn a_narrow_segment_gets_no_label_that_would_spill_over() {
    let rows = vec![DistributionRow {
        name: "Lopsided".into(),
        detractors: 1,
        passives: 0,
        promoters: 199,
    }];
    let svg = distribution_svg(&rows, &labels(), Size::new(400, 300), Theme::Light).unwrap();
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "99%"));
    assert!(!texts.iter().any(|t| t == "1%"), "{texts:?}");
}

#[test]
fn a_subject_without_answers_gets_an_empty_bar() {
    let rows = vec![DistributionRow {
        name: "无回答".into(),
        detractors: 0,
        passives: 0,
        promoters: 0,
    }];
    let svg = distribution_svg(&rows, &labels(), Size::default(), Theme::Light).unwrap();
    assert!(texts(&svg).iter().any(|t| t == "n = 0"));
    // Background, three legend swatches, the outline: no segments.
    assert_eq!(count(&svg, "rect"), 5);
}

#[test]
fn sizes_are_validated_and_the_dark_theme_changes_the_background() {
    let rows = distribution();
    assert_eq!(
        distribution_svg(&rows, &labels(), Size::new(100, 400), Theme::Light)
            .map_err(|e| e.status_code()),
        Err(400)
    );
    let dark = distribution_svg(&rows, &labels(), Size::default(), Theme::Dark).unwrap();
    assert_eq!(background(&dark), "#16181D");
}
