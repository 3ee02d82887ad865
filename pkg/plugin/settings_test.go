package plugin

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func load(t *testing.T, jsonData string, secure map[string]string) (*Settings, error) {
	t.Helper()
	return LoadSettings(backend.DataSourceInstanceSettings{JSONData: json.RawMessage(jsonData), DecryptedSecureJSONData: secure})
}

func TestSettingsDefaults(t *testing.T) {
	st, err := load(t, `{"url": "http://prometheus:9090"}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.timeout != 30*time.Second || st.maxConcurrent != 6 || st.scrapeInterval != 15*time.Second || st.AuthType != AuthNone || len(st.profile.Indicators) != 6 {
		t.Fatalf("defaults: %+v", st)
	}
}

func TestBadSettingsNameTheirField(t *testing.T) {
	for _, c := range []struct {
		jsonData string
		secure   map[string]string
		want     []string
	}{
		{`{}`, nil, []string{"url: enter the address"}},
		{`{"url": "prometheus:9090"}`, nil, []string{`url: "prometheus:9090" is not an http:// or https:// address`}},
		{`{"url": "http://admin:pw@prometheus"}`, nil, []string{"url: put credentials in the authentication settings"}},
		{`{"url": "http://p", "authType": "basic"}`, nil, []string{"basicAuthUser: basic authentication needs a user", "basicAuthPassword: basic authentication needs a password"}},
		{`{"url": "http://p", "authType": "bearer"}`, nil, []string{"bearerToken: bearer authentication needs a token"}},
		{`{"url": "http://p", "authType": "headers"}`, nil, []string{"httpHeaderName1: header authentication needs at least one header"}},
		{`{"url": "http://p", "authType": "kerberos"}`, nil, []string{`authType: "kerberos" is not one of none, basic, bearer, headers`}},
		{`{"url": "http://p", "tlsAuthWithCACert": true}`, nil, []string{"tlsCACert: paste the CA certificate"}},
		{`{"url": "http://p", "timeoutSeconds": 0, "maxConcurrentQueries": 2.5, "scrapeInterval": "often"}`, nil, []string{
			"timeoutSeconds: 0 must be between 1 and 3600 seconds", "maxConcurrentQueries: 2.5 must be a whole number from 1 to 100", `scrapeInterval: "often" is not a positive duration`}},
		{`{"url": "http://p", "timeoutSeconds": 0.2}`, nil, []string{"timeoutSeconds: 0.2 must be between 1 and 3600 seconds"}},
		{`{"url": "http://p", "timeoutSeconds": "30"}`, nil, []string{"jsonData is not valid settings JSON: timeoutSeconds must be a number, not a string"}},
		{`{"url": "http://p", "profile": {"aggregation": "mean", "indicators": []}}`, nil, []string{`profile: aggregation must be "weighted" or "worst"; indicators must not be empty`}},
	} {
		_, err := load(t, c.jsonData, c.secure)
		if err == nil {
			t.Fatalf("%s: accepted", c.jsonData)
		}
		for _, want := range c.want {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q does not say %q", c.jsonData, err, want)
			}
		}
	}
}

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
	d := &Datasource{settings: &Settings{scrapeInterval: 15 * time.Second}}
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
	d := &Datasource{settings: &Settings{scrapeInterval: 15 * time.Second}}
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
