package plugin

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// watchedPrometheus is a reverse proxy in front of the fixture Prometheus that counts each query, tracks how
// many are in flight and can hold them for a while.
type watchedPrometheus struct {
	*httptest.Server
	mu       sync.Mutex
	sent     map[string]int
	inFlight atomic.Int64
	peak     atomic.Int64
	hold     time.Duration
	aborted  atomic.Int64 // requests whose client went away while held
}

func watchPrometheus(t *testing.T, target string, hold time.Duration) *watchedPrometheus {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	w := &watchedPrometheus{sent: map[string]int{}, hold: hold}
	w.Server = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body)) // the proxy forwards it
		form, _ := url.ParseQuery(string(body))
		w.mu.Lock()
		w.sent[r.URL.Path+" "+form.Get("query")+" "+form.Get("start")+" "+form.Get("time")]++
		w.mu.Unlock()
		n := w.inFlight.Add(1)
		defer w.inFlight.Add(-1)
		for p := w.peak.Load(); n > p; p = w.peak.Load() {
			if w.peak.CompareAndSwap(p, n) {
				break
			}
		}
		select {
		case <-time.After(w.hold):
		case <-r.Context().Done():
			w.aborted.Add(1)
			return
		}
		proxy.ServeHTTP(rw, r)
	}))
	t.Cleanup(w.Close)
	return w
}

func TestIdenticalPromQLInOneRequestIsSentOnce(t *testing.T) {
	f := loadFixture(t)
	w := watchPrometheus(t, f.url, 0)
	p := servePlugin(t, map[string]any{"url": w.URL}, nil, time.Time{})
	resp := p.query(t, nil,
		f.query("A", map[string]any{"queryType": "health"}),
		f.query("B", map[string]any{"queryType": "health"}),
		f.query("C", map[string]any{"queryType": "mttr", "condition": map[string]any{"kind": "score", "band": "warning"}}))
	for _, ref := range []string{"A", "B", "C"} {
		expectOK(t, resp, ref)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.sent) != 5 {
		t.Errorf("%d distinct queries reached Prometheus, want the 5 enabled indicators: %v", len(w.sent), w.sent)
	}
	for q, n := range w.sent {
		if n != 1 {
			t.Errorf("sent %d times: %s", n, q)
		}
	}
}

func TestIndicatorQueriesRunConcurrentlyWithinTheConfiguredBound(t *testing.T) {
	f := loadFixture(t)
	w := watchPrometheus(t, f.url, 30*time.Millisecond)
	p := servePlugin(t, map[string]any{"url": w.URL, "maxConcurrentQueries": 3}, nil, time.Time{})
	resp := p.query(t, nil, f.query("A", map[string]any{"queryType": "health"}), f.query("B", map[string]any{"queryType": "sla"}))
	expectOK(t, resp, "A")
	expectOK(t, resp, "B")
	if peak := w.peak.Load(); peak != 3 {
		t.Fatalf("peak of %d queries in flight, want exactly the bound of 3", peak)
	}
}

func TestCancellingTheRequestStopsItsPrometheusQueries(t *testing.T) {
	f := loadFixture(t)
	w := watchPrometheus(t, f.url, 10*time.Second)
	p := servePlugin(t, map[string]any{"url": w.URL}, nil, time.Time{})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := p.tp.Client.QueryData(ctx, &backend.QueryDataRequest{PluginContext: p.pluginContext(),
		Queries: []backend.DataQuery{f.query("A", map[string]any{"queryType": "health"})}})
	if err == nil {
		t.Fatal("a cancelled request succeeded")
	}
	deadline := time.Now().Add(2 * time.Second)
	for w.inFlight.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if w.inFlight.Load() != 0 || w.aborted.Load() == 0 || time.Since(start) > 2*time.Second {
		t.Fatalf("after cancelling: %d still in flight, %d aborted, %s", w.inFlight.Load(), w.aborted.Load(), time.Since(start))
	}
}
