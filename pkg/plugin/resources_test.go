package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/pkg/presets"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// validate posts body to POST /profile/validate over gRPC and decodes its answer into res.
func (p *plugin) validate(t *testing.T, body []byte, res *ValidationResult) int {
	t.Helper()
	var resp *backend.CallResourceResponse
	err := p.tp.Client.CallResource(context.Background(), &backend.CallResourceRequest{
		PluginContext: p.pluginContext(), Path: "profile/validate", Method: http.MethodPost, URL: "/profile/validate", Body: body,
	}, backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error { resp = r; return nil }))
	if err != nil || resp == nil {
		t.Fatalf("POST /profile/validate: %v", err)
	}
	if err := json.Unmarshal(resp.Body, res); err != nil {
		t.Fatalf("POST /profile/validate answered %d %s", resp.Status, resp.Body)
	}
	return resp.Status
}

func TestCheckHealthReportsTheVersionAndIndicatorsWithoutData(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	res, err := p.tp.Client.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: p.pluginContext()})
	if err != nil || res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "Prometheus 2.") ||
		!strings.Contains(res.Message, "All 5 enabled indicators return data") {
		t.Fatalf("%v %+v", err, res)
	}
	profile := scoring.DefaultProfile()
	profile.Indicators[2].Query = `100 * avg by (service) (node_load1{service=~"$service"})`
	profile.Indicators[5].Enabled = true
	profile.Indicators[5].Query = `sum by (service) (rate(no_such_metric_total[$__rate_interval]))`
	res, _ = f.plugin(t, profile).tp.Client.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: f.plugin(t, profile).pluginContext()})
	if res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "Warning: No data for: CPU (cpu), Throughput (throughput)") {
		t.Fatalf("a reachable Prometheus lacking some indicators' data: %+v", res)
	}
	// A query Prometheus refuses is an error, naming the indicator.
	profile.Indicators[3].Query = `sum by (service) (rate(process_cpu_seconds_total[$__rate_interval])) +`
	res, _ = f.plugin(t, profile).tp.Client.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: f.plugin(t, profile).pluginContext()})
	if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "Failing indicators:") || !strings.Contains(res.Message, "memory") {
		t.Fatalf("a query Prometheus refuses: %+v", res)
	}
}

// An unreachable Prometheus is an error that names its address.
func TestCheckHealthUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	address := srv.URL
	srv.Close() // nothing listens there any more
	p := servePlugin(t, map[string]any{"url": address, "timeoutSeconds": 2}, nil, time.Time{})
	res, err := p.tp.Client.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: p.pluginContext()})
	if err != nil || res.Status != backend.HealthStatusError || !strings.Contains(res.Message, strings.TrimPrefix(address, "http://")) {
		t.Fatalf("%v %+v", err, res)
	}
}

// A Prometheus-compatible API without the build-info endpoint (some Thanos and VictoriaMetrics versions) is
// still checked: its version is unknown and the indicator queries run.
func TestCheckHealthWithoutBuildInfo(t *testing.T) {
	f := loadFixture(t)
	u, _ := url.Parse(f.url)
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/status/buildinfo") {
			http.NotFound(w, r)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer srv.Close()
	p := servePlugin(t, map[string]any{"url": srv.URL}, nil, f.eval)
	res, err := p.tp.Client.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: p.pluginContext()})
	if err != nil || res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "version unknown (build info:") ||
		!strings.Contains(res.Message, "404") || !strings.Contains(res.Message, "All 5 enabled indicators return data") {
		t.Fatalf("%v %+v", err, res)
	}
}

func TestValidateProfileEndpointUsesPrometheusForPromQL(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	doc := map[string]any{}
	raw, _ := json.Marshal(scoring.DefaultProfile())
	_ = json.Unmarshal(raw, &doc)
	inds := doc["indicators"].([]any)
	inds[1].(map[string]any)["query"] = "sum(rate(x[$__rate_interval])"
	inds[1].(map[string]any)["weight"] = -1
	inds[3].(map[string]any)["query"] = `sum(rate(x{a="$service"}[$__rate_interval] offset $__range)) > ${threshold} and on() [[other]] > 0`
	doc["aggregation"] = "average"
	body, _ := json.Marshal(doc)
	var res ValidationResult
	if status := p.validate(t, body, &res); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	if res.Valid || !res.PromQLChecked || len(res.Problems) != 3 {
		t.Fatalf("%+v", res)
	}
	want := []string{`aggregation must be "weighted" or "worst"`, "indicators[1].weight must not be negative", "indicators[1].query is not valid PromQL"}
	for i, w := range want {
		if res.Problems[i].Message != w {
			t.Errorf("problem %d: %q, want %q", i, res.Problems[i].Message, w)
		}
	}
	if d := res.Problems[2].Detail; !strings.Contains(d, "parse error") {
		t.Errorf("detail %q is not the parser's words", d)
	}

	raw, _ = json.Marshal(scoring.DefaultProfile())
	if p.validate(t, raw, &res); !res.Valid || len(res.Problems) != 0 || !res.PromQLChecked {
		t.Fatalf("default profile: %+v", res)
	}
}

func TestValidateProfileWithoutPrometheusStillChecksStructure(t *testing.T) {
	p := servePlugin(t, map[string]any{"url": "http://127.0.0.1:1", "timeoutSeconds": 2}, nil, time.Time{})
	var res ValidationResult
	p.validate(t, []byte(`{"indicators": "latency"}`), &res)
	if res.Valid || res.PromQLChecked || res.PromQLError == "" || len(res.Problems) != 1 || res.Problems[0].Message != "indicators must be a list" {
		t.Fatalf("%+v", res)
	}
	p.validate(t, []byte(`{"indicators": [`), &res)
	if res.Valid || len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0].Message, "the profile is not valid JSON") {
		t.Fatalf("%+v", res)
	}
}

// GET /presets serves the preset catalogue, src/scoring/presets/catalogue.json byte for byte.
func TestPresetsEndpointServesTheCatalogue(t *testing.T) {
	p := servePlugin(t, map[string]any{"url": "http://127.0.0.1:1"}, nil, time.Time{})
	var resp *backend.CallResourceResponse
	err := p.tp.Client.CallResource(context.Background(), &backend.CallResourceRequest{
		PluginContext: p.pluginContext(), Path: "presets", Method: http.MethodGet, URL: "/presets",
	}, backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error { resp = r; return nil }))
	if err != nil || resp == nil || resp.Status != http.StatusOK {
		t.Fatalf("%v %+v", err, resp)
	}
	source, err := os.ReadFile(filepath.Join("..", "..", "src", "scoring", "presets", "catalogue.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(resp.Body, source) || !strings.HasPrefix(resp.Headers["Content-Type"][0], "application/json") {
		t.Fatalf("GET /presets is not src/scoring/presets/catalogue.json (%d bytes, %v)", len(resp.Body), resp.Headers)
	}
	c, err := presets.ParseCatalogue(resp.Body)
	if err != nil || len(c.HTTP()) == 0 || len(c.Resources()) == 0 {
		t.Fatalf("%v", err)
	}
}
