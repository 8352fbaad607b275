//! Light and dark themes: background, text and the colour-blind-safe (Okabe–Ito) colours for
//! promoters, passives, detractors and trend lines.

use std::str::FromStr;

use plotters::style::RGBColor;

/// The colour scheme of a chart. Both keep text at a contrast of at least 4.5:1 against the
/// background.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl FromStr for Theme {
    type Err = String;

    /// `light` or `dark`, as in a `?theme=` query parameter.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            other => Err(format!("unknown theme `{other}`: use light or dark")),
        }
    }
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub(crate) const BLACK: Rgb = Rgb(0x00, 0x00, 0x00);
    pub(crate) const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);

    pub(crate) fn plot(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio, 1 to 21.
    pub(crate) fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Black or white, whichever reads better on this colour.
    pub(crate) fn ink(self) -> Rgb {
        if self.contrast(Rgb::BLACK) >= self.contrast(Rgb::WHITE) {
            Rgb::BLACK
        } else {
            Rgb::WHITE
        }
    }
}

/// The colours one theme draws with.
#[derive(Clone, Debug)]
pub(crate) struct Palette {
    pub background: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub grid: Rgb,
    pub axis: Rgb,
    /// The shaded band behind every other tier.
    pub band: Rgb,
    /// The NPS dot and its interval whisker.
    pub estimate: Rgb,
    pub promoter: Rgb,
    pub passive: Rgb,
    pub detractor: Rgb,
    /// Trend lines, one per subject, in order.
    pub series: [Rgb; 7],
}

// Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
const ORANGE: Rgb = Rgb(0xE6, 0x9F, 0x00);
const SKY_BLUE: Rgb = Rgb(0x56, 0xB4, 0xE9);
const BLUISH_GREEN: Rgb = Rgb(0x00, 0x9E, 0x73);
const YELLOW: Rgb = Rgb(0xF0, 0xE4, 0x42);
const BLUE: Rgb = Rgb(0x00, 0x72, 0xB2);
const VERMILLION: Rgb = Rgb(0xD5, 0x5E, 0x00);
const REDDISH_PURPLE: Rgb = Rgb(0xCC, 0x79, 0xA7);

impl Theme {
    pub(crate) fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: Rgb::WHITE,
                text: Rgb(0x1A, 0x1A, 0x1A),
                muted: Rgb(0x55, 0x55, 0x55),
                grid: Rgb(0xE3, 0xE3, 0xE3),
                axis: Rgb(0x8A, 0x8A, 0x8A),
                band: Rgb(0xED, 0xF2, 0xF7),
                estimate: BLUE,
                promoter: BLUE,
                passive: Rgb(0xBB, 0xBB, 0xBB),
                detractor: VERMILLION,
                series: [
                    BLUE,
                    VERMILLION,
                    BLUISH_GREEN,
                    REDDISH_PURPLE,
                    ORANGE,
                    SKY_BLUE,
                    Rgb::BLACK,
                ],
            },
            Theme::Dark => Palette {
                background: Rgb(0x16, 0x18, 0x1D),
                text: Rgb(0xEC, 0xEC, 0xEC),
                muted: Rgb(0xA8, 0xAD, 0xB5),
                grid: Rgb(0x30, 0x34, 0x3C),
                axis: Rgb(0x6E, 0x74, 0x7E),
                band: Rgb(0x23, 0x28, 0x32),
                estimate: SKY_BLUE,
                promoter: SKY_BLUE,
                passive: Rgb(0x8C, 0x8C, 0x8C),
                detractor: VERMILLION,
                series: [
                    SKY_BLUE,
                    ORANGE,
                    BLUISH_GREEN,
                    REDDISH_PURPLE,
                    VERMILLION,
                    YELLOW,
                    Rgb::WHITE,
                ],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_parse_from_their_names() {
        assert_eq!("dark".parse::<Theme>(), Ok(Theme::Dark));
        assert_eq!("light".parse::<Theme>(), Ok(Theme::Light));
        assert!("blue".parse::<Theme>().is_err());
    }

    #[test]
    fn text_reads_well_on_both_backgrounds_and_bands() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = theme.palette();
            for surface in [p.background, p.band] {
                assert!(p.text.contrast(surface) >= 7.0, "{theme:?}");
                assert!(p.muted.contrast(surface) >= 4.5, "{theme:?}");
            }
            // Marks are graphics: 3:1 against the background (WCAG 1.4.11).
            for mark in [p.estimate, p.promoter, p.detractor] {
                assert!(mark.contrast(p.background) >= 3.0, "{theme:?} {mark:?}");
            }
            for colour in p.series {
                assert!(colour.contrast(p.background) >= 2.0, "{theme:?} {colour:?}");
            }
        }
    }

    #[test]
    fn segment_text_picks_the_readable_ink() {
        assert_eq!(BLUE.ink(), Rgb::WHITE);
        assert_eq!(VERMILLION.ink(), Rgb::BLACK);
        assert_eq!(SKY_BLUE.ink(), Rgb::BLACK);
        for colour in [BLUE, VERMILLION, SKY_BLUE, Rgb(0xBB, 0xBB, 0xBB)] {
            assert!(colour.ink().contrast(colour) >= 4.5, "{colour:?}");
        }
    }
}
