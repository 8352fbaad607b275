//! Near-duplicate reasons. Chinese has no spaces, so texts are compared as sets of character
//! pairs (bigrams), and "near" means a Jaccard similarity of at least [`SIMILAR`]. MinHash
//! signatures cut into bands find the candidate pairs without comparing every text with every
//! other; each candidate is then checked exactly.

use std::collections::{BTreeSet, HashMap};

/// Texts this similar (Jaccard of their character bigrams) are near-duplicates.
pub const SIMILAR: f64 = 0.5;
/// Shorter texts ("很好", "ok") are what honest people write alike; they prove nothing.
pub const MIN_CHARS: usize = 8;

const BANDS: usize = 12;
const ROWS: usize = 2;

/// A reason reduced to what a small edit cannot hide: lower case, no spaces, punctuation or
/// emoji, full-width forms folded to ASCII.
pub fn normalize(reason: &str) -> String {
    reason
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn bigrams(text: &str) -> BTreeSet<u64> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .map(|pair| (u64::from(pair[0] as u32) << 32) | u64::from(pair[1] as u32))
        .collect()
}

fn mix(mut x: u64) -> u64 {
    // SplitMix64's finaliser: a cheap, well-spread hash of a 64-bit value.
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn signature(shingles: &BTreeSet<u64>) -> [u64; BANDS * ROWS] {
    let mut signature = [u64::MAX; BANDS * ROWS];
    for shingle in shingles {
        for (i, slot) in signature.iter_mut().enumerate() {
            let h = mix(shingle ^ mix(i as u64 + 1));
            *slot = (*slot).min(h);
        }
    }
    signature
}

fn jaccard(a: &BTreeSet<u64>, b: &BTreeSet<u64>) -> f64 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Groups the texts into near-duplicate families: each returned group holds the indices (into
/// `texts`) of texts linked by a chain of near-duplicates, two or more of them. Texts that are
/// `None` or too short take no part.
pub fn families(texts: &[Option<&str>]) -> Vec<Vec<usize>> {
    // Identical texts (after normalizing) are one node: honest people repeat short phrases.
    let mut nodes: Vec<(BTreeSet<u64>, Vec<usize>)> = Vec::new();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    for (index, text) in texts.iter().enumerate() {
        let Some(text) = text else { continue };
        let text = normalize(text);
        if text.chars().count() < MIN_CHARS {
            continue;
        }
        let node = *by_text.entry(text).or_insert_with_key(|text| {
            nodes.push((bigrams(text), Vec::new()));
            nodes.len() - 1
        });
        nodes[node].1.push(index);
    }

    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let signatures: Vec<_> = nodes.iter().map(|(s, _)| signature(s)).collect();
    for band in 0..BANDS {
        let mut buckets: HashMap<&[u64], Vec<usize>> = HashMap::new();
        for (node, signature) in signatures.iter().enumerate() {
            buckets
                .entry(&signature[band * ROWS..(band + 1) * ROWS])
                .or_default()
                .push(node);
        }
        for bucket in buckets.values().filter(|b| b.len() > 1) {
            for (i, &a) in bucket.iter().enumerate() {
                for &b in &bucket[i + 1..] {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    if ra != rb && jaccard(&nodes[a].0, &nodes[b].0) >= SIMILAR {
                        parent[ra] = rb;
                    }
                }
            }
        }
    }

    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (node, (_, members)) in nodes.iter().enumerate() {
        let r = root(&mut parent, node);
        groups.entry(r).or_default().extend(members);
    }
    let mut families: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|members| members.len() >= 2)
        .map(|mut members| {
            members.sort_unstable();
            members
        })
        .collect();
    families.sort();
    families
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_edits_of_one_template_form_one_family() {
        let texts = [
            Some("牙医非常专业，环境干净整洁，价格也很合理，下次还会再来"),
            Some("牙医很专业，环境干净整洁，价格也合理，下次还会来！"),
            Some("牙医非常专业!环境干净整洁 价格很合理，下次一定还来"),
            Some("排队时间太长了，前台态度冷淡，不会再去"),
            Some("很好"),
            Some("很好"),
            None,
        ];
        assert_eq!(families(&texts), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn full_width_letters_and_punctuation_do_not_hide_a_copy() {
        assert_eq!(normalize("Ｇｏｏｄ  service！！"), "goodservice");
    }

    #[test]
    fn unrelated_texts_stay_apart() {
        let texts = [
            Some("the nurses were kind and the rooms were clean"),
            Some("too expensive for what you get, will not return"),
            Some("waited two hours past my appointment time"),
        ];
        assert!(families(&texts).is_empty());
    }
}
