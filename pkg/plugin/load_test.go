package plugin

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/tools/fixtures"
)

// secondPrometheus starts a Prometheus of our own over the fixture blocks, so the test can stop it.
func secondPrometheus(t *testing.T, port int) *fixtures.Server {
	t.Helper()
	blocks := os.Getenv("PERFSCOPE_PROMETHEUS_DATA")
	if blocks == "" {
		t.Fatal("PERFSCOPE_PROMETHEUS_DATA is not set: run through scripts/with-prometheus.sh")
	}
	if !filepath.IsAbs(blocks) { // relative to the repository root, where the runner started
		blocks = filepath.Join("..", "..", blocks)
	}
	srv, err := fixtures.StartPrometheus(context.Background(), blocks, t.TempDir(), port)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// burst sends n health queries at once, each in its own request, and returns their errors (nil for success).
// A query that does not return within the deadline counts as a hang.
func burst(_ *testing.T, p *plugin, f *fixture, n int, deadline time.Duration) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), deadline)
			defer cancel()
			resp, err := p.tp.Client.QueryData(ctx, &backend.QueryDataRequest{PluginContext: p.pluginContext(),
				Queries: []backend.DataQuery{f.query("A", map[string]any{"queryType": "health"})}})
			switch {
			case err != nil:
				errs[i] = err
			case resp.Responses["A"].Error != nil:
				errs[i] = resp.Responses["A"].Error
			}
		})
	}
	wg.Wait()
	return errs
}

func countOK(errs []error) int {
	n := 0
	for _, err := range errs {
		if err == nil {
			n++
		}
	}
	return n
}

func TestLoadStopAndRecover(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	f := loadFixture(t)
	// The health query through the fixture Prometheus once: recorded, checked or replayed like any other.
	if errs := burst(t, f.plugin(t, nil), f, 1, 10*time.Second); errs[0] != nil {
		t.Fatal(errs[0])
	}
	prom := stoppablePrometheus(t, 0)
	defer func() { prom.Stop() }()
	u, _ := url.Parse(prom.URL)
	port, _ := strconv.Atoi(u.Port())
	p := servePlugin(t, map[string]any{"url": prom.URL, "timeoutSeconds": 5}, nil, time.Time{})
	burst(t, p, f, 1, 10*time.Second) // the instance and the gRPC connection exist before counting goroutines
	runtime.GC()
	baseline := runtime.NumGoroutine()

	if errs := burst(t, p, f, 200, 30*time.Second); countOK(errs) != 200 {
		t.Fatalf("%d of 200 concurrent health queries failed, e.g. %v", 200-countOK(errs), firstNonNil(errs))
	}

	// Stop Prometheus while 200 queries keep coming: every one returns (an error, not a hang).
	var stopped atomic.Bool
	var succeeded atomic.Int64
	var all []error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for !stopped.Load() {
				errs := burst(t, p, f, 50, 10*time.Second)
				succeeded.Add(int64(countOK(errs)))
				mu.Lock()
				all = append(all, errs...)
				mu.Unlock()
			}
		})
	}
	flowing := time.Now().Add(30 * time.Second)
	for succeeded.Load() < 50 && time.Now().Before(flowing) { // stop it mid-run: once queries are flowing
		time.Sleep(10 * time.Millisecond)
	}
	if succeeded.Load() < 50 {
		stopped.Store(true)
		wg.Wait()
		t.Fatalf("only %d queries succeeded in 30 s before the stop", succeeded.Load())
	}
	prom.Stop()
	time.Sleep(700 * time.Millisecond)
	stopped.Store(true)
	wg.Wait()
	failed := 0
	for _, err := range all {
		if err == nil {
			continue
		}
		failed++
		if msg := err.Error(); !strings.Contains(msg, "Prometheus at "+prom.URL) {
			t.Fatalf("not a clear error: %s", msg)
		}
	}
	if failed == 0 || failed == len(all) {
		t.Fatalf("%d of %d queries failed around the stop; want some before and errors after", failed, len(all))
	}
	t.Logf("around the stop: %d queries, %d errors, e.g. %v", len(all), failed, firstNonNil(all))

	// Prometheus back on the same address: the plugin recovers without a restart.
	prom = stoppablePrometheus(t, port)
	if errs := burst(t, p, f, 200, 30*time.Second); countOK(errs) != 200 {
		t.Fatalf("after the restart %d of 200 failed, e.g. %v", 200-countOK(errs), firstNonNil(errs))
	}

	prom.Stop() // closes the idle keep-alive connections and their goroutines
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > baseline+2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		runtime.GC()
	}
	if n := runtime.NumGoroutine(); n > baseline+2 {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines, %d before the load:\n%s", n, baseline, buf[:runtime.Stack(buf, true)])
	}
}
