package plugin

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/pkg/discovery/recorded"
	"github.com/perfscope/perfscope/pkg/internal/jsondiff"
	"github.com/perfscope/perfscope/pkg/scoring"
	"github.com/perfscope/perfscope/tools/fixtures"
)

// discoverCall posts body to /discover over gRPC; the answer's status and its JSON.
func (p *plugin) discoverCall(t testing.TB, body []byte) (int, map[string]any) {
	t.Helper()
	var resp *backend.CallResourceResponse
	err := p.tp.Client.CallResource(context.Background(), &backend.CallResourceRequest{
		PluginContext: p.pluginContext(), Path: "discover", Method: http.MethodPost, URL: "/discover", Body: body,
	}, backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error { resp = r; return nil }))
	if err != nil || resp == nil {
		t.Fatalf("POST /discover: %v", err)
	}
	var out map[string]any
	if err := json.Unmarshal(resp.Body, &out); err != nil {
		t.Fatalf("POST /discover answered %d %q", resp.Status, resp.Body)
	}
	return resp.Status, out
}

// discoverBody is the request a recording's options make: the time in Unix seconds, the label, the base.
func discoverBody(t *testing.T, r *recorded.Recording, withTime bool) []byte {
	t.Helper()
	body := map[string]any{}
	if withTime {
		body["at"] = r.At / 1000
	}
	if r.Options.ServiceLabel != "" {
		body["serviceLabel"] = r.Options.ServiceLabel
	}
	if len(r.Options.Base) > 0 {
		body["profile"] = r.Options.Base
	}
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func loadRecordings(t *testing.T) []*recorded.Recording {
	t.Helper()
	all, err := recorded.Load(recorded.Dir("."))
	if err != nil || len(all) == 0 {
		t.Fatalf("testdata/discovery: %d recordings, %v", len(all), err)
	}
	return all
}

func expectDiscovery(t *testing.T, r *recorded.Recording, status int, got map[string]any) {
	t.Helper()
	if status != http.StatusOK {
		t.Fatalf("%s: status %d: %v", r.Name, status, got)
	}
	if d := jsondiff.Difference(any(got), any(r.Expected), "discovery"); d != "" {
		t.Errorf("%s: %s", r.Name, d)
	}
}

// Offline: each recording served by a Prometheus on 127.0.0.1 that answers only what was recorded; the
// datasource's discovery finds what the TypeScript one found, asking exactly the recorded requests.
func TestDiscoverReplaysEveryRecording(t *testing.T) {
	for i, r := range loadRecordings(t) {
		t.Run(r.Name, func(t *testing.T) {
			replay := recorded.NewHTTPReplay(r.Requests)
			srv := httptest.NewServer(replay.Handler())
			defer srv.Close()
			// Every other recording without "at": the datasource's clock is then the time looked at.
			clock, withTime := time.UnixMilli(int64(r.At)), i%2 == 0
			p := servePlugin(t, map[string]any{"url": srv.URL + "/"}, nil, clock)
			status, got := p.discoverCall(t, discoverBody(t, r, withTime))
			if u := replay.Unexpected(); len(u) > 0 {
				t.Fatalf("requests that were not recorded: %q", u)
			}
			expectDiscovery(t, r, status, got)
			if u := replay.Unused(); len(u) > 0 {
				t.Errorf("recorded requests not made: %q", u)
			}
		})
	}
}

// Live: the fixture Prometheus (and the preset fixtures, when they are served) answer the datasource's
// discovery with exactly what the recordings say, so the recordings are what the servers answer now.
func TestDiscoverAgainstTheFixturePrometheus(t *testing.T) {
	servers := map[string]string{"default": fixtures.PrometheusURL(t)}
	if env := os.Getenv(fixtures.PresetEnv); env != "" {
		if err := json.Unmarshal([]byte(env), &servers); err != nil {
			t.Fatalf("%s: %v", fixtures.PresetEnv, err)
		}
		servers["default"] = fixtures.PrometheusURL(t)
	}
	tried := 0
	for _, r := range loadRecordings(t) {
		url, ok := servers[r.Fixture]
		if !ok {
			continue
		}
		tried++
		t.Run(r.Name, func(t *testing.T) {
			p := servePlugin(t, map[string]any{"url": url}, nil, time.Time{})
			status, got := p.discoverCall(t, discoverBody(t, r, true))
			expectDiscovery(t, r, status, got)
		})
	}
	if tried < 2 {
		t.Fatalf("only %d recordings of the servers %v", tried, servers)
	}
}

func TestDiscoverRefusesABadBodyNamingTheField(t *testing.T) {
	p := servePlugin(t, map[string]any{"url": "http://127.0.0.1:1"}, nil, time.Time{})
	empty, _ := json.Marshal(map[string]any{"profile": map[string]any{"indicators": []any{}}})
	for body, want := range map[string]string{
		`[`:                               "the body must be a JSON object",
		`[1]`:                             "the body must be a JSON object",
		`{"serviceLabel": 5}`:             "serviceLabel must be a string",
		`{"serviceLabel": "app name"}`:    `serviceLabel must be a Prometheus label name (not starting with __), not "app name"`,
		`{"serviceLabel": "__name__"}`:    `serviceLabel must be a Prometheus label name`,
		`{"at": "now"}`:                   "at must be a time in Unix seconds",
		`{"at": -1}`:                      "at must be a time in Unix seconds",
		`{"service_label": "job"}`:        `"service_label" is not a field of a discovery request (serviceLabel, profile, at)`,
		`{"profile": "default"}`:          "profile: the profile must be a JSON object",
		string(empty):                     "profile: indicators must not be empty",
		`{"profile": {"aggregation": 1}}`: `profile: aggregation must be "weighted" or "worst"`,
	} {
		status, got := p.discoverCall(t, []byte(body))
		if msg, _ := got["message"].(string); status != http.StatusBadRequest || !strings.Contains(msg, want) {
			t.Errorf("%s: %d %v, want 400 %q", body, status, got, want)
		}
	}
	if status, got := p.discoverCall(t, []byte(`{"profile": {"indicators": []}}`)); got["problems"] == nil || status != 400 {
		t.Errorf("the profile's problems are not listed: %v", got)
	}
	big := []byte(`{"profile": "` + strings.Repeat("x", maxProfileBytes) + `"}`)
	if status, got := p.discoverCall(t, big); status != http.StatusRequestEntityTooLarge || !strings.Contains(fmt.Sprint(got["message"]), "at most 1 MiB") {
		t.Errorf("a large body: %d %v", status, got)
	}
	bad := servePlugin(t, map[string]any{"url": "ftp://127.0.0.1"}, nil, time.Time{})
	if status, got := bad.discoverCall(t, nil); status != http.StatusBadRequest || !strings.Contains(fmt.Sprint(got["message"]), "url:") {
		t.Errorf("bad settings: %d %v", status, got)
	}
}

// fakePrometheus answers every discovery request: one HTTP preset's metrics with a service label, and no data.
func fakePrometheus(t *testing.T, requests *atomic.Int64, answer func(w http.ResponseWriter, r *http.Request)) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if answer != nil {
			answer(w, r)
			return
		}
		data := `{"resultType":"vector","result":[]}`
		switch r.URL.Path {
		case "/api/v1/label/__name__/values":
			data = `["http_request_duration_seconds_bucket","http_requests_total"]`
		case "/api/v1/labels":
			data = `["__name__","code","le","service"]`
		case "/api/v1/label/service/values":
			data = `["checkout"]`
		case "/api/v1/label/le/values":
			data = `["0.1","1.0","+Inf"]`
		}
		fmt.Fprintf(w, `{"status":"success","data":%s}`, data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDiscoverAnswers502WhenPrometheusFails(t *testing.T) {
	p := servePlugin(t, map[string]any{"url": "http://127.0.0.1:1", "timeoutSeconds": 2}, nil, time.Time{})
	if status, got := p.discoverCall(t, nil); status != http.StatusBadGateway || !strings.Contains(fmt.Sprint(got["message"]), "cannot reach Prometheus at http://127.0.0.1:1") {
		t.Errorf("unreachable: %d %v", status, got)
	}

	const password, token = "hunter2-discover", "tok-discover-secret"
	var requests atomic.Int64
	echo := fakePrometheus(t, &requests, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, `{"status":"error","errorType":"unavailable","error":"overloaded, your credentials: %s"}`, r.Header.Get("Authorization"))
	})
	basic := base64.StdEncoding.EncodeToString([]byte("grafana:" + password))
	for _, c := range []struct {
		jsonData map[string]any
		secure   map[string]string
	}{
		{map[string]any{"url": echo.URL, "authType": "basic", "basicAuthUser": "grafana"}, map[string]string{"basicAuthPassword": password}},
		{map[string]any{"url": echo.URL, "authType": "bearer"}, map[string]string{"bearerToken": token}},
	} {
		status, got := servePlugin(t, c.jsonData, c.secure, time.Time{}).discoverCall(t, nil)
		msg := fmt.Sprint(got["message"])
		if status != http.StatusBadGateway || !strings.Contains(msg, "Prometheus at "+echo.URL+" answered with an error: unavailable (HTTP 503)") ||
			!strings.Contains(msg, "[secret]") {
			t.Errorf("%s: %d %s", c.jsonData["authType"], status, msg)
		}
		for _, secret := range []string{password, basic, token} {
			if strings.Contains(msg+logs.String(), secret) {
				t.Fatalf("a secret leaked: %s", msg)
			}
		}
	}
}

// An indicator without data costs a few requests to explain; past the budget discovery stops, and says so.
func TestDiscoverStopsAtItsRequestBudget(t *testing.T) {
	var requests atomic.Int64
	srv := fakePrometheus(t, &requests, nil)
	p := servePlugin(t, map[string]any{"url": srv.URL}, nil, time.Time{})
	profile := scoring.DefaultProfile()
	status, got := p.discoverCall(t, []byte(mustJSON(t, map[string]any{"profile": profile, "at": 1769817600})))
	if status != http.StatusOK || requests.Load() > 40 {
		t.Fatalf("the default profile: %d after %d requests: %v", status, requests.Load(), got)
	}
	for i := range 120 {
		ind := profile.Indicators[0]
		ind.ID, ind.Key, ind.Query = fmt.Sprintf("missing_%d", i), false, fmt.Sprintf(`sum by (service) (missing_%d{service=~"$service"})`, i)
		profile.Indicators = append(profile.Indicators, ind)
	}
	requests.Store(0)
	status, got = p.discoverCall(t, []byte(mustJSON(t, map[string]any{"profile": profile, "at": 1769817600})))
	if msg := fmt.Sprint(got["message"]); status != http.StatusBadGateway || !strings.Contains(msg, fmt.Sprintf("needs more than %d requests to Prometheus at %s", DiscoveryBudget, srv.URL)) {
		t.Fatalf("%d %s", status, msg)
	}
	// The requests past the budget are never sent, and those still waiting for a slot are cancelled.
	if n := requests.Load(); n == 0 || n > DiscoveryBudget {
		t.Fatalf("Prometheus got %d requests, the budget is %d", n, DiscoveryBudget)
	}
}
