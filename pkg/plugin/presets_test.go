package plugin

import (
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
	"github.com/perfscope/perfscope/tools/fixtures"
)

// presetFixtures is testdata/presets/expected.json and the URL of each fixture's Prometheus as
// scripts/with-prometheus.sh --presets all exports them (none offline: the tests replay their recordings).
func presetFixtures(t *testing.T) (*fixtures.PresetExpected, map[string]string) {
	t.Helper()
	urls := map[string]string{}
	if env := os.Getenv(fixtures.PresetEnv); env != "" {
		if err := json.Unmarshal([]byte(env), &urls); err != nil {
			t.Fatalf("%s: %v", fixtures.PresetEnv, err)
		}
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", fixtures.PresetExpectedFile))
	if err != nil {
		t.Fatal(err)
	}
	var expected fixtures.PresetExpected
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatal(err)
	}
	return &expected, urls
}

// Each preset's fixture, labelled as an unmodified scrape is: the datasource's POST /discover over gRPC proposes a
// profile, and the health, SLA and domain overhead queries with that profile, unedited, give every service the
// values of testdata/presets/expected.json (as presets.test.ts proves for the CLI). Offline it replays each
// fixture's recorded answers (testdata/prometheus/<Test>/<fixture>); record them with
// scripts/with-prometheus.sh --presets all -- go test ./pkg/plugin -run '^TestPresetFixturesScoreWithTheDiscoveredProfile$' -update
func TestPresetFixturesScoreWithTheDiscoveredProfile(t *testing.T) {
	expected, urls := presetFixtures(t)
	eval := time.Unix(expected.EvalUnix, 0).UTC()
	for _, id := range slices.Sorted(maps.Keys(expected.Fixtures)) {
		fixture := expected.Fixtures[id]
		t.Run(id, func(t *testing.T) {
			url := recordedPrometheus(t, urls[id], filepath.Join(recordingStem(t), id), fixtures.PresetEnv)
			body := map[string]any{"at": expected.EvalUnix}
			if fixture.Presets[1] == "cadvisor" { // cAdvisor names services by container, as the CLI test forces too
				body["serviceLabel"] = fixture.ServiceLabel
			}
			raw, _ := json.Marshal(body)
			status, found := servePlugin(t, map[string]any{"url": url}, nil, eval).discoverCall(t, raw)
			if status != http.StatusOK || found["http"] != fixture.Presets[0] || found["resources"] != fixture.Presets[1] || found["serviceLabel"] != fixture.ServiceLabel {
				t.Fatalf("POST /discover: %d, presets %v and %v, service label %v; want %v by %s", status, found["http"], found["resources"], found["serviceLabel"], fixture.Presets, fixture.ServiceLabel)
			}
			var profile scoring.Profile
			raw, _ = json.Marshal(found["profile"])
			if err := json.Unmarshal(raw, &profile); err != nil {
				t.Fatalf("the discovered profile: %v", err)
			}
			p := servePlugin(t, map[string]any{"url": url, "profile": &profile}, nil, eval)
			query := func(queryType string) data.Frames {
				q := dataQuery("A", map[string]any{"queryType": queryType, "rateInterval": expected.RateInterval}, eval.Add(-time.Hour), eval, time.Minute)
				dr := p.query(t, nil, q).Responses["A"]
				if dr.Error != nil {
					t.Fatalf("%s query: %v", queryType, dr.Error)
				}
				return dr.Frames
			}
			expectPresetHealth(t, &profile, fixture, query("health"))
			expectPresetSLA(t, &profile, fixture, query("sla"))
			expectPresetOverhead(t, fixture, query("domainOverhead"))
		})
	}
}

func expectPresetHealth(t *testing.T, profile *scoring.Profile, fixture fixtures.FixtureExpected, health data.Frames) {
	t.Helper()
	ids := map[string]string{}
	enabled := 0
	for _, ind := range profile.Indicators {
		ids[ind.Name] = ind.ID
		if ind.Enabled {
			enabled++
		}
	}
	table := rows(t, health, "Latest health")
	for service, want := range fixture.Services {
		seen := 0
		for _, row := range serviceRows(table, service) {
			id := ids[row["Indicator"].(string)]
			if _, known := want.Indicators[id]; !known {
				t.Errorf("%s: indicator %q is not in expected.json", service, id)
				continue
			}
			seen++
			expectNear(t, service+" "+id, row["Value"].(float64), want.Indicators[id])
		}
		if seen != enabled {
			t.Errorf("%s: %d indicator rows, want the %d enabled ones", service, seen, enabled)
		}
	}
	if services := len(serviceNames(table)); services != len(fixture.Services) {
		t.Errorf("%d services scored, want %d", services, len(fixture.Services))
	}
}

func expectPresetSLA(t *testing.T, profile *scoring.Profile, fixture fixtures.FixtureExpected, sla data.Frames) {
	t.Helper()
	table, burnRates := rows(t, sla, "SLA"), rows(t, sla, "Burn rates")
	allowed := scoring.AllowedErrorRatio(profile.SLA.Target)
	for service, want := range fixture.Services {
		row := serviceRows(table, service)
		if len(row) != 1 {
			t.Fatalf("%s: %d SLA rows, want 1", service, len(row))
		}
		expectNear(t, service+" availability", row[0]["Availability"].(float64), scoring.Availability(want.ErrorRatio["30d"]))
		expectNear(t, service+" latency compliance", row[0]["Latency SLO compliance"].(float64), want.LatencyCompliance)
		windows := serviceRows(burnRates, service)
		if len(windows) == 0 {
			t.Errorf("%s: no burn rates", service)
		}
		for _, r := range windows {
			w := r["Window"].(string)
			expectNear(t, service+" error ratio "+w, r["Error ratio"].(float64), want.ErrorRatio[w])
			expectNear(t, service+" burn rate "+w, r["Burn rate"].(float64), want.ErrorRatio[w]/allowed)
		}
	}
}

func expectPresetOverhead(t *testing.T, fixture fixtures.FixtureExpected, overhead data.Frames) {
	t.Helper()
	for service, want := range fixture.Services {
		for domain, value := range want.DomainOverhead {
			got := lastValue(fieldWith(t, overhead, "Overhead", data.Labels{"service": service, "domain": domain}))
			expectNear(t, service+" "+domain+" overhead", got, value)
		}
		got := lastValue(fieldWith(t, overhead, "System overhead", data.Labels{"service": service}))
		expectNear(t, service+" system overhead", got, want.SystemOverhead)
	}
}

// serviceNames is the distinct services of a table's rows.
func serviceNames(table []map[string]any) []string {
	var names []string
	for _, row := range table {
		if s, ok := row["Service"].(string); ok && !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	return names
}
