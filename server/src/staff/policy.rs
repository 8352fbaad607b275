//! Who may call what, decided from the method and path alone, for every console page and staff
//! API route — so a route added later is guarded by default.

use axum::http::Method;
use domain::Role;

pub const CONSOLE_PREFIX: &str = "/console";
pub const STAFF_API_PREFIX: &str = "/api/v1/staff";
pub const SIGN_IN_PATH: &str = "/console/sign-in";

/// What a request needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Not a staff route at all.
    Public,
    /// The sign-in page: open to everyone, it is how one becomes staff.
    SignIn,
    /// A signed-in staff member or token with at least this role.
    Staff(Role),
}

/// Users, tokens, kiosk keys and the audit log are for admins only: each hands out a credential
/// or shows who did what.
const ADMIN_AREAS: [&str; 4] = ["/users", "/tokens", "/kiosk-keys", "/audit"];
/// Ending one's own session needs no more than being signed in.
const SIGN_OUT_PATHS: [&str; 2] = ["/console/sign-out", "/console/sign-out-everywhere"];

fn under(path: &str, prefix: &str) -> Option<String> {
    let rest = path.strip_prefix(prefix)?;
    (rest.is_empty() || rest.starts_with('/')).then(|| rest.to_string())
}

pub fn access(method: &Method, path: &str) -> Access {
    let Some(rest) = under(path, CONSOLE_PREFIX).or_else(|| under(path, STAFF_API_PREFIX)) else {
        return Access::Public;
    };
    if path == SIGN_IN_PATH {
        return Access::SignIn;
    }
    if ADMIN_AREAS
        .iter()
        .any(|area| rest == *area || rest.starts_with(&format!("{area}/")))
    {
        return Access::Staff(Role::Admin);
    }
    if prints_invitations(&rest) {
        return Access::Staff(Role::Editor);
    }
    if SIGN_OUT_PATHS.contains(&path) || *method == Method::GET || *method == Method::HEAD {
        return Access::Staff(Role::Viewer);
    }
    Access::Staff(Role::Editor)
}

/// An invitation batch's own pages (`/surveys/{slug}/invitations/{id}…`) show its codes, and a
/// code is a verified answer: those who may hand invitations out, editors, may read them.
fn prints_invitations(rest: &str) -> bool {
    let segments: Vec<&str> = rest.split('/').collect();
    matches!(segments.as_slice(), ["", "surveys", _, "invitations", id, ..] if !id.is_empty())
}

/// Whether a path belongs to the JSON staff API (errors as JSON) rather than the console
/// (errors as pages, sign-in by redirect).
pub fn is_api(path: &str) -> bool {
    under(path, STAFF_API_PREFIX).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_needs_a_viewer_changing_an_editor_and_people_an_admin() {
        assert_eq!(access(&Method::GET, "/"), Access::Public);
        assert_eq!(access(&Method::GET, "/consoles"), Access::Public);
        assert_eq!(
            access(&Method::GET, "/console"),
            Access::Staff(Role::Viewer)
        );
        assert_eq!(access(&Method::POST, "/console/sign-in"), Access::SignIn);
        assert_eq!(
            access(&Method::POST, "/console/sign-out"),
            Access::Staff(Role::Viewer)
        );
        assert_eq!(
            access(&Method::POST, "/console/surveys/x/lifecycle"),
            Access::Staff(Role::Editor)
        );
        assert_eq!(
            access(&Method::GET, "/console/users"),
            Access::Staff(Role::Admin)
        );
        assert_eq!(
            access(&Method::GET, "/console/usersx"),
            Access::Staff(Role::Viewer)
        );
        assert_eq!(
            access(&Method::DELETE, "/api/v1/staff/responses/1/exclusion"),
            Access::Staff(Role::Editor)
        );
        assert_eq!(
            access(&Method::GET, "/api/v1/staff/audit"),
            Access::Staff(Role::Admin)
        );
    }

    #[test]
    fn invitation_codes_are_for_editors_and_the_list_for_viewers() {
        for path in [
            "/console/surveys/s/invitations/b1/cards",
            "/api/v1/staff/surveys/s/invitations/b1",
            "/api/v1/staff/surveys/s/invitations/b1/links.csv",
        ] {
            assert_eq!(
                access(&Method::GET, path),
                Access::Staff(Role::Editor),
                "{path}"
            );
        }
        assert_eq!(
            access(&Method::GET, "/console/surveys/s/invitations"),
            Access::Staff(Role::Viewer)
        );
        assert_eq!(
            access(&Method::GET, "/api/v1/staff/surveys/s/invitations/"),
            Access::Staff(Role::Viewer)
        );
    }
}
