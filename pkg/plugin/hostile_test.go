package plugin

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// A hostile Prometheus on 127.0.0.1: whatever it answers, a query ends in an error that says why, within the
// timeout and a second, with the plugin's memory bounded and no secret repeated.

// vmHWM is the test process's peak resident set size (the plugin, its gRPC client and the test in one), in bytes.
func vmHWM(t testing.TB) int64 {
	t.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status here")
	}
	for _, line := range strings.Split(string(status), "\n") {
		var kb int64
		if n, _ := fmt.Sscanf(line, "VmHWM: %d kB", &kb); n == 1 {
			return kb << 10
		}
	}
	t.Fatal("/proc/self/status has no VmHWM")
	return 0
}

// hostileQuery runs a health query (one answer per indicator, at once) against answer and returns its error.
func hostileQuery(t *testing.T, jsonData map[string]any, secure map[string]string, answer http.HandlerFunc) (string, time.Duration) {
	t.Helper()
	srv := brokenPrometheus(t, nil)
	srv.Config.Handler = answer
	jsonData["url"] = srv.URL
	p := servePlugin(t, jsonData, secure, time.Time{})
	start := time.Now()
	resp := p.query(t, nil, dataQuery("A", map[string]any{"queryType": "health"}, from, to, time.Minute))
	took := time.Since(start)
	if resp.Responses["A"].Error == nil {
		t.Fatal("the query succeeded against a hostile Prometheus")
	}
	return resp.Responses["A"].Error.Error(), took
}

func TestAGigabyteAnswerFailsFastWithinBoundedMemory(t *testing.T) {
	before := vmHWM(t)
	chunk := []byte(strings.Repeat(`{"metric":{"service":"s"},"values":[[1769814000,"1"]]},`, 1<<14))
	msg, took := hostileQuery(t, map[string]any{"timeoutSeconds": 30}, nil, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"matrix","result":[`))
		for sent := 0; sent < 1<<30; sent += len(chunk) { // 1 GiB, never held here
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	grown := vmHWM(t) - before
	t.Logf("1 GiB answers: error after %s, peak RSS grew by %d MiB: %s", took.Round(time.Millisecond), grown>>20, msg)
	if !strings.Contains(msg, "passed 64 MiB") || !strings.Contains(msg, "Max answer size") {
		t.Errorf("the error does not name the cap and its setting: %s", msg)
	}
	if took > 31*time.Second || grown > 300<<20 {
		t.Errorf("took %s and %d MiB, want within the timeout and 300 MiB", took, grown>>20)
	}
}

func TestAnAnswerOfTooManySeriesIsRefused(t *testing.T) {
	before := vmHWM(t)
	msg, took := hostileQuery(t, map[string]any{}, nil, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		var b strings.Builder
		b.WriteString(`{"status":"success","data":{"resultType":"matrix","result":[`)
		for i := range 100000 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"metric":{"service":"s%d"},"values":[[1769814000,"1"]]}`, i)
		}
		b.WriteString(`]}}`)
		_, _ = w.Write([]byte(b.String()))
	})
	grown := vmHWM(t) - before
	t.Logf("100,000 series: error after %s, peak RSS grew by %d MiB: %s", took.Round(time.Millisecond), grown>>20, msg)
	if !strings.Contains(msg, "100000 series") || !strings.Contains(msg, "Max series") {
		t.Errorf("the error does not name the series cap and its setting: %s", msg)
	}
	if grown > 300<<20 {
		t.Errorf("peak RSS grew by %d MiB, want under 300", grown>>20)
	}
}

func TestTheLimitsAreSettings(t *testing.T) {
	msg, _ := hostileQuery(t, map[string]any{"maxSeries": 2, "maxAnswerMB": 1}, nil, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"service":"a"},"values":[[1769814000,"1"]]},{"metric":{"service":"b"},"values":[[1769814000,"1"]]},{"metric":{"service":"c"},"values":[[1769814000,"1"]]}]}}`)
	})
	if !strings.Contains(msg, "3 series for one query, more than the 2") {
		t.Errorf("maxSeries 2 did not apply: %s", msg)
	}
	p := servePlugin(t, map[string]any{"url": "http://127.0.0.1:1", "maxAnswerMB": 0.5}, nil, time.Time{})
	resp := p.query(t, nil, faultQuery("A", "up"))
	expectError(t, resp, "A", "maxAnswerMB: 0.5 must be a whole number of MiB from 1 to 1024")
}

func TestADrippingAnswerEndsAtTheTimeout(t *testing.T) {
	msg, took := hostileQuery(t, map[string]any{"timeoutSeconds": 2}, nil, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"matrix","result":[`))
		for range 100 { // a byte every 100 ms, 10 s at most
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
			_, _ = w.Write([]byte(" "))
			w.(http.Flusher).Flush()
		}
	})
	if !strings.Contains(msg, "did not answer within 2s") || took > 3*time.Second {
		t.Errorf("after %s: %s", took, msg)
	}
}

func TestARedirectLoopStopsAfterTenRedirects(t *testing.T) {
	var asked atomic.Int64
	msg, _ := hostileQuery(t, map[string]any{"maxConcurrentQueries": 1}, nil, func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		http.Redirect(w, r, r.URL.String(), http.StatusTemporaryRedirect)
	})
	if !strings.Contains(msg, "stopped after 10 redirects") {
		t.Errorf("the error does not say why: %s", msg)
	}
	if n := asked.Load(); n > 6*11 { // six indicator queries, each its request and ten redirects
		t.Errorf("%d requests reached the looping server", n)
	}
}

func TestNoFormOfASecretIsRepeatedAndErrorsAreBounded(t *testing.T) {
	const token = "tok/secret+value=42 padded"
	echoes := []string{token, url.QueryEscape(token), url.PathEscape(token),
		base64.StdEncoding.EncodeToString([]byte(token)), base64.RawURLEncoding.EncodeToString([]byte(token))}
	msg, _ := hostileQuery(t, map[string]any{"authType": "bearer"}, map[string]string{"bearerToken": token}, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		// Past any cut, the secret in every form, then 5 MB more.
		fmt.Fprintf(w, "%s %s %s", strings.Repeat("x", 190), strings.Join(echoes, " "), strings.Repeat("y", 5<<20))
	})
	for _, e := range append(echoes, token[:19]) {
		if strings.Contains(msg, e) {
			t.Fatalf("the error repeats %q: %.300s", e, msg)
		}
	}
	if !strings.Contains(msg, "[secret]") || len(msg) > 2048 {
		t.Errorf("want the secret replaced and the error bounded, got %d bytes: %.300s", len(msg), msg)
	}
}

func TestValidatingAProfileAsksPrometheusOncePerDistinctQueryAndBoundedly(t *testing.T) {
	var asked atomic.Int64
	srv := brokenPrometheus(t, func(w http.ResponseWriter, _ string) {
		asked.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status":"success","data":"up"}`)
	})
	p := servePlugin(t, map[string]any{"url": srv.URL}, nil, time.Time{})
	profile := func(queries func(i int) string) []byte {
		doc := map[string]any{}
		raw, _ := json.Marshal(scoring.DefaultProfile())
		_ = json.Unmarshal(raw, &doc)
		one := doc["indicators"].([]any)[0].(map[string]any)
		var inds []any
		for i := range 3000 {
			ind := maps.Clone(one)
			ind["id"], ind["query"] = fmt.Sprintf("i%d", i), queries(i)
			inds = append(inds, ind)
		}
		doc["indicators"] = inds
		body, _ := json.Marshal(doc)
		return body
	}
	var res ValidationResult
	p.validate(t, profile(func(int) string { return `sum by (service) (up{service=~"$service"})` }), &res)
	if n := asked.Load(); n > 10 || !res.PromQLChecked {
		t.Fatalf("3,000 copies of one query: %d requests, %+v", n, res.PromQLError)
	}
	asked.Store(0)
	p.validate(t, profile(func(i int) string { return fmt.Sprintf(`sum by (service) (up{service=~"$service", i="%d"})`, i) }), &res)
	if n := asked.Load(); n > scoring.MaxSyntaxChecks+10 || res.PromQLChecked || !strings.Contains(res.PromQLError, "more than 200 distinct queries") {
		t.Fatalf("3,000 distinct queries: %d requests, %q", n, res.PromQLError)
	}
}

func TestASamplePastAFloatIsNamedBriefly(t *testing.T) {
	srv := brokenPrometheus(t, func(w http.ResponseWriter, _ string) { matrix(w, `[1769814000,"1e400"],[1769814060,"2"]`) })
	p := servePlugin(t, map[string]any{"url": srv.URL}, nil, time.Time{})
	msg := fmt.Sprint(p.query(t, nil, faultQuery("A", "up")).Responses["A"].Error)
	if !strings.Contains(msg, `a sample value PerfScope cannot read, "1e400"`) || strings.Contains(msg, "context") || len(msg) > 300 {
		t.Fatalf("%d bytes: %s", len(msg), msg)
	}
}
