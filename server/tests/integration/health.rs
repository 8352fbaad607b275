use crate::on_both_databases;
use crate::support::TestApp;

async fn healthz_answers_ok(app: TestApp) {
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("body"), "ok");
}

async fn readyz_answers_200_while_the_database_answers(app: TestApp) {
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("body"), "ready");
}

async fn readyz_answers_503_once_the_database_is_gone(app: TestApp) {
    app.db.close().await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.text().await.expect("body"), "database unavailable");
    // The process itself is still alive.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

on_both_databases!(
    healthz_answers_ok,
    readyz_answers_200_while_the_database_answers,
    readyz_answers_503_once_the_database_is_gone,
);
