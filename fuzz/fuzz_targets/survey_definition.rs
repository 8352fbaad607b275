//! A survey definition as staff send it (survey-as-code JSON, staff API and CLI import): parsed
//! and checked. Nothing may panic, whatever the JSON.
#![no_main]

use app::authoring::definition::SurveyDefinition;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &[u8]| {
    if let Ok(mut definition) = serde_json::from_slice::<SurveyDefinition>(json) {
        let _ = definition.check();
    }
});
