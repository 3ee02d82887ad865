package plugin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/prometheus/client_golang/api"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"google.golang.org/protobuf/proto"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
	"github.com/perfscope/perfscope/tools/fixtures"
)

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkHealthOverhead measures a health query (6 indicators, 24 h range, 15 s step) through the plugin
// over gRPC against the same six PromQL range queries sent concurrently straight to Prometheus, interleaved
// in one run, and reports both medians, the overhead and the allocations per query.
func BenchmarkHealthOverhead(b *testing.B) {
	url := fixtures.PrometheusURL(b)
	eval := time.Unix(1769817600, 0).UTC()
	profile := scoring.DefaultProfile()
	profile.Indicators[5].Enabled = true // all six
	// The fixture samples every minute: with that scrape interval $__rate_interval is 4m, so every 15 s step
	// has data, as on a Prometheus scraping every 15 s.
	p := servePlugin(b, map[string]any{"url": url}, nil, time.Time{})
	p.settings.JSONData, _ = jsonMarshal(map[string]any{"url": url, "profile": profile, "scrapeInterval": "1m"})
	const step = 15 * time.Second
	q := dataQuery("A", map[string]any{"queryType": "health"}, eval.Add(-24*time.Hour), eval, step)

	r, err := newRun(&Datasource{settings: &models.Settings{ScrapeInterval: time.Minute}}, nil, q, false)
	if err != nil {
		b.Fatal(err)
	}
	exprs := make([]string, 0, 6)
	for _, ind := range profile.Indicators {
		exprs = append(exprs, r.expand(ind.Query, nil))
	}
	direct := directQueries(b, url, exprs, r.rng)
	var answer *backend.QueryDataResponse
	viaPlugin := func() {
		resp, err := p.tp.Client.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: p.pluginContext(), Queries: []backend.DataQuery{q}})
		if err != nil || resp.Responses["A"].Error != nil || len(resp.Responses["A"].Frames) != 2 {
			b.Fatalf("%v %v", err, resp.Responses["A"].Error)
		}
		answer = resp
	}
	direct() // warm both paths
	viaPlugin()

	var directTimes, pluginTimes []time.Duration
	var mallocs uint64
	var ms runtime.MemStats
	b.ResetTimer()
	timeDirect := func() {
		start := time.Now()
		direct()
		directTimes = append(directTimes, time.Since(start))
	}
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 { // alternate which goes first, so neither gains from the other's warm caches
			timeDirect()
		}
		runtime.ReadMemStats(&ms)
		before := ms.Mallocs
		start := time.Now()
		viaPlugin()
		pluginTimes = append(pluginTimes, time.Since(start))
		runtime.ReadMemStats(&ms)
		mallocs += ms.Mallocs - before
		if i%2 == 1 {
			timeDirect()
		}
	}
	md, mp := median(directTimes), median(pluginTimes)
	overhead := 100 * (float64(mp) - float64(md)) / float64(md)
	b.ReportMetric(float64(md.Microseconds())/1000, "direct-ms")
	b.ReportMetric(float64(mp.Microseconds())/1000, "plugin-ms")
	b.ReportMetric(overhead, "overhead-%")
	b.ReportMetric(float64(mallocs)/float64(len(pluginTimes)), "allocs/query")
	encode, decode := frameTransfer(b, answer)
	b.ReportMetric(float64((encode+decode).Microseconds())/1000, "frames-ms")
	b.Logf("health, 6 indicators, 24h at 15s (%d points): direct median %s, plugin over gRPC median %s, overhead %.1f%% (target <= 5%%), %.0f allocs/query (plugin and gRPC client, in process); of the plugin's time, its frames take %s to encode (Arrow, protobuf) and %s to decode on Grafana's side",
		r.grid.n, md, mp, overhead, float64(mallocs)/float64(len(pluginTimes)), encode.Round(10*time.Microsecond), decode.Round(10*time.Microsecond))
}

// directQueries sends the range queries exprs straight to Prometheus at address, concurrently, as the baseline
// the plugin is measured against. Its client keeps a connection per query between rounds, as the plugin's does.
func directQueries(b *testing.B, address string, exprs []string, rng v1.Range) func() {
	b.Helper()
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = len(exprs)
	client, err := api.NewClient(api.Config{Address: address, Client: &http.Client{Transport: transport}})
	if err != nil {
		b.Fatal(err)
	}
	promAPI := v1.NewAPI(client)
	return func() {
		var wg sync.WaitGroup
		for _, expr := range exprs {
			wg.Go(func() {
				if _, _, _, err := promAPI.QueryRange(context.Background(), expr, rng); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
	}
}

// frameTransfer is the median time the response's frames take to cross gRPC without the network: the
// plugin's encoding (Arrow, then protobuf) and Grafana's decoding (protobuf, then Arrow), as the SDK does both.
func frameTransfer(b *testing.B, resp *backend.QueryDataResponse) (encode, decode time.Duration) {
	b.Helper()
	var enc, dec []time.Duration
	for range 21 {
		start := time.Now()
		pb, err := backend.ToProto().QueryDataResponse(backend.DataFrameFormat_ARROW, resp)
		if err != nil {
			b.Fatal(err)
		}
		raw, err := proto.Marshal(pb)
		if err != nil {
			b.Fatal(err)
		}
		enc = append(enc, time.Since(start))
		start = time.Now()
		var back pluginv2.QueryDataResponse
		if err := proto.Unmarshal(raw, &back); err != nil {
			b.Fatal(err)
		}
		if _, err := backend.FromProto().QueryDataResponse(&back); err != nil {
			b.Fatal(err)
		}
		dec = append(dec, time.Since(start))
	}
	return median(enc), median(dec)
}

// BenchmarkDiscoverFleet is the settings page's "Detect from my Prometheus": POST /discover over gRPC against
// the fixture fleet (scripts/with-prometheus.sh --fleet 1000), through a proxy on 127.0.0.1 that counts the
// requests the datasource sends. Reports requests per discovery and checks that every service was found.
func BenchmarkDiscoverFleet(b *testing.B) {
	upstream := os.Getenv(fixtures.FleetEnv)
	if upstream == "" {
		b.Skip(fixtures.FleetEnv + " is not set: run through scripts/with-prometheus.sh --fleet 1000")
	}
	target, err := url.Parse(upstream)
	if err != nil {
		b.Fatal(err)
	}
	var sent atomic.Int64
	forward := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		forward.ServeHTTP(w, r)
	}))
	defer proxy.Close()
	p := servePlugin(b, map[string]any{"url": proxy.URL}, nil, time.Time{})
	body := []byte(`{"at": ` + strconv.FormatInt(fixtures.EvalTime.Unix(), 10) + `}`)
	want, _ := strconv.Atoi(os.Getenv("PERFSCOPE_FLEET_SIZE"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		status, found := p.discoverCall(b, body)
		services, _ := found["services"].([]any)
		if status != http.StatusOK || found["serviceLabel"] != "job" || (want > 0 && len(services) != want) {
			b.Fatalf("POST /discover: %d, service label %v, %d services", status, found["serviceLabel"], len(services))
		}
	}
	b.ReportMetric(float64(sent.Load())/float64(b.N), "requests/op")
}
