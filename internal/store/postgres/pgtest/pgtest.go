// Package pgtest gives tests a PostgreSQL database of their own: it finds the server
// (DATELINE_TEST_POSTGRES, else the local one), creates a database with a random name and
// drops it when the test ends, so that parallel packages and earlier runs cannot interfere.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable that points the tests at a server. When it is set, a test that
// cannot reach the server fails; when it is not, the local server is tried and the test skips
// if there is none.
const EnvURL = "DATELINE_TEST_POSTGRES"

// DefaultURL is the server tried when EnvURL is unset: the local one, as this project's
// machines and CI run it (trust authentication).
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// ServerURL returns the URL of a reachable server, or skips (or fails, when EnvURL is set) the
// test.
func ServerURL(t testing.TB) string {
	t.Helper()
	u, required := os.Getenv(EnvURL), true
	if u == "" {
		u, required = DefaultURL, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		if required {
			t.Fatalf("PostgreSQL at %s (%s): %v", u, EnvURL, err)
		}
		t.Skipf("no PostgreSQL at %s (set %s to require one): %v", u, EnvURL, err)
	}
	conn.Close(ctx)
	return u
}

// NewDatabase creates an empty database named dateline_test_<random> and returns its URL. The
// database is dropped when the test ends, closing any connection still open to it (a killed
// worker's, say).
func NewDatabase(t testing.TB) string {
	t.Helper()
	server := ServerURL(t)
	name := "dateline_test_" + Random()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("connect %s: %v", server, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	return WithDatabase(t, server, name)
}

// WithDatabase returns server's URL pointing at database name.
func WithDatabase(t testing.TB, server, name string) string {
	t.Helper()
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("server URL %s: %v", server, err)
	}
	u.Path = "/" + name
	return u.String()
}

// NewSchema creates a schema with a random name in the database at dbURL and returns a URL
// whose connections use it (search_path). Creating a schema is much cheaper than a database,
// for suites that want an empty store per case.
func NewSchema(t testing.TB, dbURL string) string {
	t.Helper()
	name := "s_" + Random()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatalf("connect %s: %v", dbURL, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+name); err != nil {
		t.Fatalf("create schema %s: %v", name, err)
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("database URL %s: %v", dbURL, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// Random returns 12 random lower-case hex digits, for names of databases, schemas and streams.
func Random() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
