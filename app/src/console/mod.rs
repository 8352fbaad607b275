//! The staff console's views (server only): whole pages rendered on the server from data the
//! handlers loaded, in zh-CN or en. No islands: staff work on desktops, and plain forms keep
//! every action working without JavaScript (`/console.js` only adds printing and confirmations).

mod audit;
mod audit_words;
mod clusters;
mod document;
mod embargo;
mod embargo_words;
mod embed_code;
mod fields;
mod fieldwork;
mod invitations;
mod kiosk_keys;
mod layout;
mod ledger;
mod messages;
mod people;
mod poster;
mod poster_batches;
mod preview_links;
mod problem;
mod replies;
mod responses;
mod sectors;
mod sign_in;
mod survey_form;
mod surveys;
mod themes;
mod themes_words;
mod weighting;

pub use audit::{audit_table, render_audit, AuditPage};
pub use clusters::{render_clusters, ClustersPage};
pub use document::render_document;
pub use embargo_words::EmbargoWords;
pub use embed_code::{render_embed_code, EmbedCode};
pub use fieldwork::{render_fieldwork, FieldworkPage, FieldworkWords};
pub use invitations::{
    render_invitation_cards, render_invitations, InvitationCard, InvitationCards, InvitationsPage,
};
pub use kiosk_keys::{render_kiosk_keys, KioskKeysPage};
pub use layout::{encode, CsrfField};
pub use messages::ConsoleCatalog;
pub use messages::ConsoleMessages;
pub use people::{render_tokens, render_users, TokensPage, UsersPage};
pub use poster::{qr_svg, render_poster, Poster};
pub use poster_batches::{render_poster_batches, PosterBatchesPage};
pub use preview_links::{render_preview_links, NewPreviewLink, PreviewLinksPage};
pub use problem::{render_problem_page, ProblemPage};
pub use replies::{render_replies, RepliesPage};
pub use responses::{render_response_detail, render_response_list, ResponseDetail, ResponseList};
pub use sectors::{render_sector, render_sector_list, render_subject, NamedForm, SectorPage};
pub use sign_in::{render_sign_in, SignInForm};
pub use survey_form::{render_survey_form, SurveyFormPage, SurveyFormValues};
pub use surveys::{
    render_publish_preview, render_survey_detail, render_survey_list, PublishPreview, SurveyDetail,
};
pub use themes::{
    render_lexicon, render_survey_themes, Candidates, LexiconPage, LexiconRow, QuoteLine,
    SubjectChoice, SurveyThemesPage, NEW_ROWS,
};
pub use themes_words::ThemesWords;
pub use weighting::{render_weighting, WeightingPage, WeightingWords};
