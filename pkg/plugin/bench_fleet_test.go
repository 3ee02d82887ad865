package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
	"github.com/perfscope/perfscope/tools/fixtures"
)

// BenchmarkHealthFleet scores every service of the fixture fleet (scripts/with-prometheus.sh --fleet 1000) with
// the profile POST /discover proposes for it: a health query over the last hour at a 1-minute step through the
// plugin over gRPC, against the same indicator queries sent concurrently straight to Prometheus, interleaved.
// Reports both medians, their ratio, and the process's peak RSS (plugin, gRPC client and test in one process).
func BenchmarkHealthFleet(b *testing.B) {
	upstream := os.Getenv(fixtures.FleetEnv)
	if upstream == "" {
		b.Skip(fixtures.FleetEnv + " is not set: run through scripts/with-prometheus.sh --fleet 1000")
	}
	want, _ := strconv.Atoi(os.Getenv("PERFSCOPE_FLEET_SIZE"))
	at := fixtures.EvalTime
	discoverer := servePlugin(b, map[string]any{"url": upstream}, nil, time.Time{})
	status, found := discoverer.discoverCall(b, []byte(`{"at": `+strconv.FormatInt(at.Unix(), 10)+`}`))
	raw, _ := json.Marshal(found["profile"])
	var profile scoring.Profile
	if status != http.StatusOK || json.Unmarshal(raw, &profile) != nil || len(profile.Indicators) == 0 {
		b.Fatalf("POST /discover proposed no profile (%d)", status)
	}
	p := servePlugin(b, map[string]any{"url": upstream, "profile": profile, "scrapeInterval": "1m"}, nil, time.Time{})
	q := dataQuery("A", map[string]any{"queryType": "health"}, at.Add(-time.Hour), at, time.Minute)

	r, err := newRun(&Datasource{settings: &models.Settings{ScrapeInterval: time.Minute}}, nil, q, false)
	if err != nil {
		b.Fatal(err)
	}
	var exprs []string
	for _, ind := range profile.Indicators {
		if ind.Enabled {
			exprs = append(exprs, r.expand(ind.Query, nil))
		}
	}
	direct := directQueries(b, upstream, exprs, r.rng)
	services := 0
	viaPlugin := func() {
		resp, err := p.tp.Client.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: p.pluginContext(), Queries: []backend.DataQuery{q}})
		if err != nil || resp.Responses["A"].Error != nil || len(resp.Responses["A"].Frames) != 2 {
			b.Fatalf("health query: %v %v", err, resp.Responses["A"].Error)
		}
		scores := 0
		for _, f := range resp.Responses["A"].Frames[0].Fields {
			if f.Name == "Health score" {
				scores++
			}
		}
		services = scores
	}
	direct()
	viaPlugin()
	if want > 0 && services != want {
		b.Fatalf("the health query scored %d services of %d", services, want)
	}

	var directTimes, pluginTimes []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if i%2 == 0 {
			direct()
			directTimes = append(directTimes, time.Since(start))
			start = time.Now()
		}
		viaPlugin()
		pluginTimes = append(pluginTimes, time.Since(start))
		if i%2 == 1 {
			start = time.Now()
			direct()
			directTimes = append(directTimes, time.Since(start))
		}
	}
	b.StopTimer()
	md, mp := median(directTimes), median(pluginTimes)
	peak := vmHWM(b)
	b.ReportMetric(float64(md.Microseconds())/1000, "direct-ms")
	b.ReportMetric(float64(mp.Microseconds())/1000, "plugin-ms")
	b.ReportMetric(float64(mp)/float64(md), "plugin/direct")
	b.ReportMetric(float64(peak)/(1<<20), "peak-rss-MiB")
	b.Logf("health of %d services, %d indicators, 1h at 1m: direct median %s, plugin over gRPC median %s (%.2f×), peak RSS of the process (plugin, gRPC client and test in one) %.0f MiB",
		services, len(exprs), md, mp, float64(mp)/float64(md), float64(peak)/(1<<20))
}
