package plugin

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfscope/perfscope/pkg/prom/recorded"
)

// update rewrites the golden frames (testdata/golden) and the frame contract (testdata/frames/contract.json)
// from what the handlers answer now; under scripts/with-prometheus.sh it also records the Prometheus answers
// each test needs (testdata/prometheus) from the fixture Prometheus:
//
//	scripts/with-prometheus.sh -- go test ./pkg/plugin -run 'Golden|Contract' -update
var update = flag.Bool("update", false, "rewrite golden frames and the frame contract; with the fixture Prometheus, record its answers too")

// recordingStem is where a test's recorded Prometheus answers live: testdata/prometheus/<Test>.json(.gz).
func recordingStem(t testing.TB) string {
	t.Helper()
	return filepath.Join("testdata", "prometheus", strings.SplitN(t.Name(), "/", 2)[0])
}

func rerecord(t testing.TB) string {
	t.Helper()
	return fmt.Sprintf("scripts/with-prometheus.sh -- go test ./pkg/plugin -run '^%s$' -update", strings.SplitN(t.Name(), "/", 2)[0])
}

// fixturePrometheus is the fixture Prometheus for one test, on 127.0.0.1 and stopped with it:
//   - offline, a replay of the test's recording that answers only the recorded requests;
//   - with scripts/with-prometheus.sh, the fixture Prometheus itself, each of its answers checked against the
//     recording (a request not recorded, or an answer that differs, fails the test);
//   - with scripts/with-prometheus.sh and -update, the fixture Prometheus, its answers recorded;
//   - with scripts/with-engine.sh (PERFSCOPE_ENGINE), the engine itself, unchecked: its answers may differ
//     from Prometheus's byte for byte, and the tests check the values.
//
// Any request not recorded fails the test, named, and so does a recorded one the test no longer makes.
func fixturePrometheus(t *testing.T) string {
	t.Helper()
	if live := os.Getenv("PERFSCOPE_PROMETHEUS_URL"); live != "" && os.Getenv("PERFSCOPE_ENGINE") != "" {
		return live
	}
	return recordedPrometheus(t, os.Getenv("PERFSCOPE_PROMETHEUS_URL"), recordingStem(t), "PERFSCOPE_PROMETHEUS_URL")
}

// recordedPrometheus is fixturePrometheus for any live server: live (empty offline, named by env in the
// message when the run requires it) checked against, recorded to, or replayed from the recording at stem.
func recordedPrometheus(t *testing.T, live, stem, env string) string {
	t.Helper()
	var srv *recorded.Server
	switch {
	case live != "" && *update:
		srv = recorded.Record(live)
	case live == "" && os.Getenv("PERFSCOPE_REQUIRE_PROMETHEUS") == "1":
		t.Fatal(env + " is not set: run the tests through scripts/with-prometheus.sh")
	default:
		rec, err := recorded.Load(stem)
		if err != nil {
			t.Fatalf("%v; record it: %s", err, rerecord(t))
		}
		if live != "" {
			srv = recorded.Check(rec, live)
		} else {
			srv = recorded.Replay(rec)
		}
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		if p := srv.Problems(); len(p) > 0 {
			t.Errorf("Prometheus requests that %s does not hold as asked (re-record: %s):\n  %s", stem, rerecord(t), strings.Join(p, "\n  "))
		}
		switch {
		case t.Failed():
		case live != "" && *update:
			if err := srv.Recording().Write(stem); err != nil {
				t.Error(err)
			}
		case strings.Contains(flag.Lookup("test.run").Value.String(), "/"): // some subtests only: some requests unasked
		default:
			if u := srv.Unused(); len(u) > 0 {
				t.Errorf("recorded Prometheus requests the test no longer makes (re-record: %s):\n  %s", rerecord(t), strings.Join(u, "\n  "))
			}
		}
	})
	return hs.URL
}

// stoppable is a Prometheus the test can stop: the fixture blocks served by a Prometheus of its own, or,
// offline, the test's recording replayed.
type stoppable struct {
	URL  string
	Stop func()
}

// stoppablePrometheus starts a Prometheus the test can stop, on port (0: any free one). With the fixture
// Prometheus it is a second real one over the same blocks; offline a replay of the test's recording, which
// the test must have asked the fixture Prometheus for first.
func stoppablePrometheus(t *testing.T, port int) *stoppable {
	t.Helper()
	if os.Getenv("PERFSCOPE_PROMETHEUS_URL") != "" {
		srv := secondPrometheus(t, port)
		return &stoppable{URL: srv.URL, Stop: srv.Stop}
	}
	rec, err := recorded.Load(recordingStem(t))
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: recorded.Replay(rec)} // #nosec G112 -- a test server
	go func() {
		if err := hs.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Error(err)
		}
	}()
	return &stoppable{URL: "http://" + l.Addr().String(), Stop: func() { _ = hs.Close() }}
}
