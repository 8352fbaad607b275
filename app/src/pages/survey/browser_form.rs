//! Reading the survey form in the browser exactly as a plain POST would send it.

/// The form's name/value pairs, in document order (as `application/x-www-form-urlencoded`).
#[cfg(feature = "hydrate")]
pub fn form_pairs(form: &web_sys::HtmlFormElement) -> Vec<(String, String)> {
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return Vec::new();
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return Vec::new();
    };
    let encoded: String = params.to_string().into();
    form_urlencoded::parse(encoded.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// On the server there is no live form; pages submit plainly.
#[cfg(not(feature = "hydrate"))]
pub fn form_pairs<T>(_form: &T) -> Vec<(String, String)> {
    Vec::new()
}
