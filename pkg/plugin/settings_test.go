package plugin

import (
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/pkg/models"
)

// Bad settings never stop the plugin: every query and the health check say what is wrong.
func TestBadSettingsAreReportedByQueriesAndHealth(t *testing.T) {
	p := servePlugin(t, map[string]any{"url": "ftp://prometheus"}, nil, time.Time{})
	resp := p.query(t, nil, dataQuery("A", map[string]any{"queryType": "health"}, from, to, time.Minute))
	expectError(t, resp, "A", `url: "ftp://prometheus" is not an http:// or https:// address`)
	res, err := p.tp.Client.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: p.pluginContext()})
	if err != nil || res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "url:") {
		t.Fatalf("%v %+v", err, res)
	}
}

func TestRateIntervalFollowsGrafanasRule(t *testing.T) {
	d := &Datasource{settings: &models.Settings{ScrapeInterval: 15 * time.Second}}
	for _, c := range []struct {
		step  time.Duration
		fixed string
		want  string
	}{{15 * time.Second, "", "1m"}, {time.Minute, "", "1m15s"}, {5 * time.Minute, "", "5m15s"}, {time.Minute, "5m", "5m"}} {
		model := map[string]any{"queryType": "promql", "expr": "up"}
		if c.fixed != "" {
			model["rateInterval"] = c.fixed
		}
		r, err := newRun(d, nil, dataQuery("A", model, from, to, c.step), false)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.expand("rate(x[$__rate_interval]) $__range ${service}", nil); got != "rate(x["+c.want+"]) 1h .*" {
			t.Errorf("step %s fixed %q: %s", c.step, c.fixed, got)
		}
	}
}

func TestServiceValuesCannotBreakOutOfTheirString(t *testing.T) {
	d := &Datasource{settings: &models.Settings{ScrapeInterval: 15 * time.Second}}
	r, err := newRun(d, nil, dataQuery("A", map[string]any{"queryType": "health", "service": `a"} or vector(1) or up{x="|b`}, from, to, time.Minute), false)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.expand(`up{service=~"$service"}`, nil); got != `up{service=~"a\"} or vector(1) or up{x=\"|b"}` {
		t.Fatal(got)
	}
}

// The SDK's HTTP settings parser asserts types; a wrong one must not take the plugin down.
func TestWrongTypedHTTPSettingIsAnErrorNotACrash(t *testing.T) {
	p := servePlugin(t, map[string]any{"url": "http://127.0.0.1:1", "tlsAuthWithCACert": true, "serverName": 42}, map[string]string{"tlsCACert": "x"}, time.Time{})
	resp := p.query(t, nil, dataQuery("A", map[string]any{"queryType": "health"}, from, to, time.Minute))
	if resp.Responses["A"].Error == nil || !strings.Contains(resp.Responses["A"].Error.Error(), "a field has the wrong type") {
		t.Fatalf("%+v", resp.Responses["A"])
	}
}
