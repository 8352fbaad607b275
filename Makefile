# The two commands of the README, and the pieces they are made of.
# Every target runs scripts/setup.sh first: it installs what is missing and is quick otherwise.

DATABASE_URL ?= sqlite://data/koubei.db
KOUBEI_ADDR ?= 127.0.0.1:3000

.PHONY: run build test setup clean

## Build everything (release), migrate, seed the demo into an empty database, serve on :3000.
run: build
	./target/release/koubei seed-demo --if-empty --database-url "$(DATABASE_URL)"
	./target/release/koubei serve --addr "$(KOUBEI_ADDR)" --database-url "$(DATABASE_URL)"

## Release binary at target/release/koubei, site assets under target/site.
build: setup
	scripts/build.sh

## Every test: formatting, lints (both feature sets), unit and integration tests on SQLite and
## PostgreSQL, and the browser tests against the release server.
test: build
	scripts/test.sh

setup:
	scripts/setup.sh

clean:
	cargo clean
	rm -rf node_modules end2end/node_modules
