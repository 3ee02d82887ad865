// Command frames records the data frames PerfScope's panels receive for the fixture scenarios, from the
// fixture Prometheus (scripts/with-prometheus.sh) through Grafana's Prometheus datasource shape and through
// PerfScope's own backend datasource, into testdata/frames/ (scripts/record-frames.sh runs it):
//
//	frames [--out DIR] [--check]
//	frames serve --prometheus URL [--scrape-interval 1m]
//
// --check compares instead of writing and exits 1 when a recording is out of date. serve answers Grafana's
// POST /api/ds/query from a live Prometheus in those same frames until it is stopped (npm run bench:overview).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// file is a recording as checked in: the request a panel sends and what /api/ds/query answers.
type file struct {
	Comment       string                     `json:"comment"`
	Datasource    map[string]string          `json:"datasource"`
	From          time.Time                  `json:"from"`
	To            time.Time                  `json:"to"`
	IntervalMs    int64                      `json:"intervalMs"`
	MaxDataPoints int64                      `json:"maxDataPoints"`
	Targets       []target                   `json:"targets"`
	Response      *backend.QueryDataResponse `json:"response"`
}

var datasources = map[string]map[string]string{
	dsPrometheus: {"type": "prometheus", "uid": "perfscope-prometheus"},
	dsPerfScope:  {"type": "perfscope-health-datasource", "uid": "perfscope-health"},
}

// record answers one recording's queries and encodes the file.
func record(ctx context.Context, base string, at time.Time, rec recording) ([]byte, error) {
	from := at.Add(-rec.Range)
	var resp *backend.QueryDataResponse
	var err error
	if rec.Datasource == dsPerfScope {
		resp, err = recordPerfScope(ctx, base, rec, from, at)
	} else {
		resp, err = recordPrometheus(ctx, base, rec, from, at)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rec.File, err)
	}
	out, err := json.Marshal(file{
		Comment:    "Recorded by scripts/record-frames.sh from the fixture Prometheus (testdata/scenarios); do not edit.",
		Datasource: datasources[rec.Datasource], From: from.UTC(), To: at.UTC(),
		IntervalMs: rec.Step.Milliseconds(), MaxDataPoints: int64(rec.Range / rec.Step), Targets: rec.Queries, Response: resp,
	})
	return append(out, '\n'), err
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		fs := flag.NewFlagSet("frames serve", flag.ExitOnError)
		base := fs.String("prometheus", "", "the Prometheus to answer from")
		scrape := fs.Duration("scrape-interval", time.Minute, "the datasource's scrape interval, for $__rate_interval")
		_ = fs.Parse(os.Args[2:])
		if *base == "" {
			fmt.Fprintln(os.Stderr, "frames serve: --prometheus URL is required")
			os.Exit(2)
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := serve(ctx, *base, *scrape, os.Stdout)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "frames serve: "+err.Error())
			os.Exit(1)
		}
		return
	}
	out := flag.String("out", filepath.Join("testdata", "frames"), "directory of the recordings")
	check := flag.Bool("check", false, "compare with the recordings instead of writing them")
	flag.Parse()
	stale, err := run(context.Background(), *out, *check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "frames: "+err.Error())
		os.Exit(2)
	}
	for _, name := range stale {
		fmt.Fprintf(os.Stderr, "frames: %s is out of date: run scripts/record-frames.sh\n", name)
	}
	if len(stale) > 0 {
		os.Exit(1)
	}
}

// run records every recording (or compares it) and returns the stale ones.
func run(ctx context.Context, dir string, check bool) ([]string, error) {
	base, at, err := fixture()
	if err != nil {
		return nil, err
	}
	var stale []string
	for _, rec := range recordings() {
		got, err := record(ctx, base, at, rec)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, rec.File)
		if check {
			if want, err := os.ReadFile(path); err != nil || !bytes.Equal(want, got) {
				stale = append(stale, path)
			}
			continue
		}
		if err := writeAtomic(path, got); err != nil {
			return nil, err
		}
	}
	return stale, nil
}

// fixture is the fixture Prometheus and its evaluation time, from scripts/with-prometheus.sh.
func fixture() (string, time.Time, error) {
	base := os.Getenv("PERFSCOPE_PROMETHEUS_URL")
	if base == "" {
		return "", time.Time{}, fmt.Errorf("PERFSCOPE_PROMETHEUS_URL is not set: run through scripts/with-prometheus.sh")
	}
	unix, err := strconv.ParseInt(os.Getenv("PERFSCOPE_FIXTURE_TIME"), 10, 64)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("PERFSCOPE_FIXTURE_TIME must be the fixture's Unix evaluation time: %v", err)
	}
	return base, time.Unix(unix, 0).UTC(), nil
}

// writeAtomic never leaves a half-written recording.
func writeAtomic(path string, content []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".frames-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
