//! What a respondent's browser sends back signed: the respondent cookie, the form token, an
//! invitation code. Each reader must refuse anything it did not sign, and never panic.
#![no_main]

use app::submission::invitation_code::read_invitation_code;
use app::submission::respondent::read_form_token;
use app::submission::{RespondentId, ServerSecret};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let secret = ServerSecret::from_bytes([7; 32]);
    let _ = RespondentId::from_cookie_value(&secret, text);
    let _ = read_form_token(&secret, text);
    let _ = read_invitation_code(&secret, text);
});
