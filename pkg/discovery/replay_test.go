package discovery_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/perfscope/perfscope/pkg/discovery"
	"github.com/perfscope/perfscope/pkg/discovery/recorded"
	"github.com/perfscope/perfscope/pkg/internal/jsondiff"
	"github.com/perfscope/perfscope/pkg/scoring"
)

func recordings(t *testing.T) []*recorded.Recording {
	t.Helper()
	all, err := recorded.Load(recorded.Dir("."))
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// Options are a recording's options for the Go discovery.
func Options(t *testing.T, r *recorded.Recording) discovery.Options {
	t.Helper()
	o := discovery.Options{At: r.At, ServiceLabel: r.Options.ServiceLabel, Lookback: r.Options.Lookback}
	if len(r.Options.Base) > 0 {
		parsed := scoring.ParseProfile(r.Options.Base)
		if len(parsed.Problems) > 0 {
			t.Fatalf("%s: base profile: %v", r.Name, parsed.Problems)
		}
		o.Base = parsed.Profile
	}
	return o
}

// The TypeScript discovery's recordings, replayed offline: the Go twin makes exactly the recorded requests (in
// any order where they are concurrent) and finds exactly the recorded Discovery.
func TestReplayRecordings(t *testing.T) {
	all := recordings(t)
	var names []string
	for _, r := range all {
		names = append(names, r.Name)
		t.Run(r.Name, func(t *testing.T) {
			replay := recorded.NewReplay(r.Requests, nil)
			found, err := discovery.Discover(context.Background(), replay, Options(t, r))
			if u := replay.Unexpected(); len(u) > 0 {
				t.Fatalf("requests that were not recorded: %q", u)
			}
			if err != nil {
				t.Fatal(err)
			}
			if u := replay.Unused(); len(u) > 0 {
				t.Errorf("recorded requests not made: %q", u)
			}
			got, err := jsondiff.AsJSON(found)
			if err != nil {
				t.Fatal(err)
			}
			if d := jsondiff.Difference(got, r.Expected, "discovery"); d != "" {
				t.Error(d)
			}
		})
	}
	for _, want := range []string{"default", "default-wrong-service-label"} {
		if !slices.Contains(names, want) {
			t.Errorf("no recording %s.json in testdata/discovery (npm run record:discovery)", want)
		}
	}
}

func TestReplayFailsOnARequestNotRecorded(t *testing.T) {
	r := recordings(t)[0]
	for _, drop := range []int{0, len(r.Requests) - 1} {
		replay := recorded.NewReplay(slices.Delete(slices.Clone(r.Requests), drop, drop+1), nil)
		_, err := discovery.Discover(context.Background(), replay, Options(t, r))
		if err == nil || !strings.Contains(err.Error(), "not a recorded request: GET /api/v1/") || len(replay.Unexpected()) == 0 {
			t.Fatalf("without request %d: %v", drop, err)
		}
	}
}

// The metric names of every query as src/scoring finds them with the PromQL grammar.
func TestMetricNamesAsTheTypeScript(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(recorded.Dir("."), "promql", "metric-names.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []struct {
			Query string
			Names []string
		}
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 50 {
		t.Fatalf("%d cases", len(file.Cases))
	}
	for _, c := range file.Cases {
		if got := discovery.MetricNames(c.Query); !slices.Equal(got, c.Names) {
			t.Errorf("%s\n got %q\nwant %q", c.Query, got, c.Names)
		}
	}
}
