package plugin

import (
	"encoding/base64"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// brokenPrometheus plays a faulty Prometheus: answer decides each query's response by its PromQL.
func brokenPrometheus(t *testing.T, answer func(w http.ResponseWriter, query string)) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		answer(w, r.Form.Get("query"))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func matrix(w http.ResponseWriter, values string) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"service":"checkout"},"values":[%s]}]}}`, values)
}

var (
	from = time.Unix(1769814000, 0).UTC()
	to   = from.Add(time.Hour)
)

// faultQuery is a promql query over the last hour at a 1m step.
func faultQuery(refID, expr string) backend.DataQuery {
	return dataQuery(refID, map[string]any{"queryType": "promql", "expr": expr}, from, to, time.Minute)
}

func expectError(t *testing.T, resp *backend.QueryDataResponse, refID, contains string) {
	t.Helper()
	dr := resp.Responses[refID]
	if dr.Error == nil {
		t.Fatalf("%s: no error, frames %v", refID, dr.Frames)
	}
	if !strings.Contains(dr.Error.Error(), contains) {
		t.Fatalf("%s: error %q does not say %q", refID, dr.Error, contains)
	}
}

func expectOK(t *testing.T, resp *backend.QueryDataResponse, refID string) {
	t.Helper()
	if dr := resp.Responses[refID]; dr.Error != nil || len(dr.Frames) == 0 {
		t.Fatalf("%s: error %v, %d frames", refID, dr.Error, len(dr.Frames))
	}
}

func TestEachFaultFailsOnlyItsOwnQuery(t *testing.T) {
	srv := brokenPrometheus(t, func(w http.ResponseWriter, q string) {
		switch q {
		case "good":
			matrix(w, fmt.Sprintf(`[%d,"1"]`, to.Unix()))
		case "bad_syntax":
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"status":"error","errorType":"bad_data","error":"1:4: parse error: unexpected end of input"}`)
		case "server_error":
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"status":"error","errorType":"unavailable","error":"TSDB is not ready"}`)
		case "not_json":
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprint(w, `<html>bad gateway</html>`)
		case "slow":
			time.Sleep(1500 * time.Millisecond)
		case "empty":
			fmt.Fprint(w, `{"status":"success","data":{"resultType":"matrix","result":[]}}`)
		case "nan_inf":
			matrix(w, fmt.Sprintf(`[%d,"NaN"],[%d,"+Inf"],[%d,"-Inf"]`, to.Unix()-120, to.Unix()-60, to.Unix()))
		}
	})
	p := servePlugin(t, map[string]any{"url": srv.URL, "timeoutSeconds": 1}, nil, time.Time{})
	huge := dataQuery("huge", map[string]any{"queryType": "promql", "expr": "good"}, from.Add(-365*24*time.Hour), to, time.Second)
	malformed := faultQuery("malformed", "good")
	malformed.JSON = []byte(`{"queryType": "promql", "expr": `)
	badRegex := dataQuery("regex", map[string]any{"queryType": "health", "service": "check(out"}, from, to, time.Minute)
	resp := p.query(t, nil,
		faultQuery("good", "good"), faultQuery("syntax", "bad_syntax"), faultQuery("server", "server_error"),
		faultQuery("notjson", "not_json"), faultQuery("slow", "slow"), faultQuery("empty", "empty"),
		faultQuery("naninf", "nan_inf"), huge, malformed, badRegex,
		dataQuery("unknown", map[string]any{"queryType": "latency"}, from, to, time.Minute),
		dataQuery("noexpr", map[string]any{"queryType": "promql"}, from, to, time.Minute),
	)
	expectOK(t, resp, "good")
	expectError(t, resp, "syntax", "Prometheus rejected the query: 1:4: parse error: unexpected end of input")
	expectError(t, resp, "server", "answered with an error: server error: 503: TSDB is not ready")
	expectError(t, resp, "notjson", "Prometheus at "+srv.URL)
	expectError(t, resp, "slow", "did not answer within 1s")
	expectError(t, resp, "huge", "at most 11000 are allowed")
	expectError(t, resp, "malformed", "the query is not valid JSON")
	expectError(t, resp, "regex", `service: "check(out" is not a valid regular expression`)
	expectError(t, resp, "unknown", `queryType: "latency" is not one of health, domainOverhead, sla, mttr, promql`)
	expectError(t, resp, "noexpr", "expr: enter a PromQL expression")

	if dr := resp.Responses["empty"]; dr.Error != nil || len(dr.Frames) != 1 || dr.Frames[0].Meta.Notices[0].Text != "the query returned no series" {
		t.Fatalf("empty: want an honest no-data frame, got %+v", dr)
	}
	// NaN and infinite samples are no data: left out, never numbers
	if f := resp.Responses["naninf"].Frames[0]; f.Fields[1].Len() != 0 {
		t.Fatalf("naninf: %d points, want none", f.Fields[1].Len())
	}
}

func TestConnectionRefusedIsAClearError(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close()
	p := servePlugin(t, map[string]any{"url": url}, nil, time.Time{})
	resp := p.query(t, nil, dataQuery("A", map[string]any{"queryType": "health"}, from, to, time.Minute))
	expectError(t, resp, "A", "cannot reach Prometheus at "+url)
	res, err := p.tp.Client.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: p.pluginContext()})
	if err != nil || res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "connection refused") {
		t.Fatalf("health check: %v %+v", err, res)
	}
}

func TestSecretsNeverReachResponsesOrLogs(t *testing.T) {
	const password, token, header = "hunter2-basic", "tok-bearer-secret", "hdr-secret-value"
	basic := base64.StdEncoding.EncodeToString([]byte("grafana:" + password)) // as the Authorization header carries it
	var sawAuth atomic.Value
	srv := brokenPrometheus(t, func(w http.ResponseWriter, _ string) {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"status":"error","errorType":"unauthorized","error":"bad credentials"}`)
	})
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen := r.Header.Get("Authorization") + "|" + r.Header.Get("X-Scope-OrgID")
		sawAuth.Store(seen)
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"status":"error","errorType":"unauthorized","error":"bad credentials %s"}`, seen) // a careless server echoes them
	})
	for _, c := range []struct {
		jsonData map[string]any
		secure   map[string]string
		wantAuth string
	}{
		{map[string]any{"url": srv.URL, "authType": "basic", "basicAuthUser": "grafana"}, map[string]string{"basicAuthPassword": password}, "Basic " + basic},
		{map[string]any{"url": srv.URL, "authType": "bearer"}, map[string]string{"bearerToken": token}, "Bearer " + token},
		{map[string]any{"url": srv.URL, "authType": "headers", "httpHeaderName1": "X-Scope-OrgID"}, map[string]string{"httpHeaderValue1": header}, "|" + header},
	} {
		p := servePlugin(t, c.jsonData, c.secure, time.Time{})
		resp := p.query(t, nil, dataQuery("A", map[string]any{"queryType": "health"}, from, to, time.Minute))
		health, _ := p.tp.Client.CheckHealth(t.Context(), &backend.CheckHealthRequest{PluginContext: p.pluginContext()})
		if got, _ := sawAuth.Load().(string); !strings.Contains(got, c.wantAuth) {
			t.Fatalf("%s: Prometheus saw %q", c.jsonData["authType"], got)
		}
		text := fmt.Sprint(resp.Responses["A"].Error) + health.Message + logs.String()
		for _, secret := range []string{password, basic, token, header} {
			if strings.Contains(text, secret) {
				t.Fatalf("a secret leaked: %s", text)
			}
		}
		expectError(t, resp, "A", "bad credentials")
	}
	if !strings.Contains(logs.String(), "Plugin Request Completed") {
		t.Fatal("the log recorder saw nothing, so the check above proves nothing")
	}
}

func TestQueriesNeverFollowARedirectElsewhere(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	srv := brokenPrometheus(t, func(w http.ResponseWriter, _ string) {
		w.Header().Set("Location", other.URL+"/api/v1/query_range")
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	p := servePlugin(t, map[string]any{"url": srv.URL}, nil, time.Time{})
	resp := p.query(t, nil, faultQuery("A", "up"))
	expectError(t, resp, "A", "refused a redirect away from the configured Prometheus")
	if elsewhere.Load() != 0 {
		t.Fatal("a query reached another host")
	}
}

// The same host over plain http is refused too (followed, the TLS server would answer 400 instead).
func TestQueriesNeverFollowARedirectFromHTTPSToHTTP(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "http://"+r.Host+r.URL.Path)
		w.WriteHeader(http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	p := servePlugin(t, map[string]any{"url": srv.URL, "tlsSkipVerify": true}, nil, time.Time{})
	expectError(t, p.query(t, nil, faultQuery("A", "up")), "A", "refused a redirect from https down to http")
}

// Two series that differ only by metric name keep it as a label, as on Grafana's Prometheus datasource:
// alerting refuses two numbers with the same labels.
func TestPromQLKeepsTheMetricName(t *testing.T) {
	srv := brokenPrometheus(t, func(w http.ResponseWriter, _ string) {
		w.Header().Set("Content-Type", "application/json")
		series := func(name string) string {
			return fmt.Sprintf(`{"metric":{"__name__":%q,"service":"checkout"},"values":[[%d,"1"]]}`, name, to.Unix())
		}
		fmt.Fprintf(w, `{"status":"success","data":{"resultType":"matrix","result":[%s,%s]}}`, series("up"), series("ready"))
	})
	p := servePlugin(t, map[string]any{"url": srv.URL}, nil, time.Time{})
	q := faultQuery("A", `{__name__=~"up|ready"}`)
	expectNumbers(t, "alert", alertNumbers(t, "alert", p.query(t, alertHeader, q).Responses["A"]), map[string]float64{
		labelsKey("__name__", "up", "service", "checkout"): 1, labelsKey("__name__", "ready", "service", "checkout"): 1,
	})
	frames := p.query(t, nil, q).Responses["A"].Frames
	if len(frames) != 2 || frames[0].Fields[1].Labels["__name__"] != "up" || frames[1].Fields[1].Labels["__name__"] != "ready" {
		t.Fatalf("dashboard frames %v, want the series of up and ready, each labelled with its name", frames)
	}
}

// NaN and infinite samples of an indicator are no data in the health score too: its sub-scores and latest
// value are null and the score comes from the other indicators, never from a NaN or an infinity.
func TestNaNAndInfiniteIndicatorSamplesAreNoData(t *testing.T) {
	srv := brokenPrometheus(t, func(w http.ResponseWriter, q string) {
		switch {
		case strings.Contains(q, "histogram_quantile"): // latency p95
			matrix(w, fmt.Sprintf(`[%d,"NaN"],[%d,"+Inf"],[%d,"-Inf"]`, to.Unix()-120, to.Unix()-60, to.Unix()))
		case strings.Contains(q, `code=~"5.."`) && !strings.Contains(q, "[1h]"): // error rate, not availability
			matrix(w, fmt.Sprintf(`[%d,"0.05"],[%d,"0.05"],[%d,"0.05"]`, to.Unix()-120, to.Unix()-60, to.Unix()))
		default:
			fmt.Fprint(w, `{"status":"success","data":{"resultType":"matrix","result":[]}}`)
		}
	})
	p := servePlugin(t, map[string]any{"url": srv.URL}, nil, time.Time{})
	q := dataQuery("A", map[string]any{"queryType": "health"}, to.Add(-2*time.Minute), to, time.Minute)
	dr := p.query(t, nil, q).Responses["A"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	latency := fieldWith(t, dr.Frames, "Sub-score", data.Labels{"service": "checkout", "indicator": "latency_p95"})
	score := fieldWith(t, dr.Frames, "Health score", data.Labels{"service": "checkout"})
	if latency.Len() != 3 || score.Len() != 3 {
		t.Fatalf("%d and %d points, want 3", latency.Len(), score.Len())
	}
	for i := range 3 {
		if v, ok := latency.ConcreteAt(i); ok {
			t.Errorf("latency sub-score at %d is %v from a NaN or infinite sample, want no data", i, v)
		}
		if v, _ := score.ConcreteAt(i); v != 100.0 { // the error rate's alone: 0.05 % is under its 0.1 % target
			t.Errorf("score at %d is %v, want 100", i, v)
		}
	}
	table := serviceRows(rows(t, dr.Frames, "Latest health"), "checkout")
	if len(table) != 5 || table[0]["Indicator"] != "Latency p95" {
		t.Fatalf("latest health %v, want the 5 enabled indicators, latency first", table)
	}
	if v, sub := table[0]["Value"].(float64), table[0]["Sub-score"].(float64); !math.IsNaN(v) || !math.IsNaN(sub) || table[0]["Band"] != "nodata" {
		t.Errorf("latest latency %v, sub-score %v, band %v; want no data", v, sub, table[0]["Band"])
	}
	if table[0]["Score"].(float64) != 100 {
		t.Errorf("latest score %v, want 100", table[0]["Score"])
	}
}
