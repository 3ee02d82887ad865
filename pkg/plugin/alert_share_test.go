package plugin

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Grafana evaluates the rules of a group at one instant, each rule its own request. The shipped rules that ask
// the PerfScope datasource send PromQL that overlaps (the health score at three severities, the overhead
// rules, the burn-rate tiers and the budget policy): with the alert header it reaches Prometheus once per evaluation, however many
// rules ask, while dashboards' requests are not shared.
func TestAlertRulesOfOneEvaluationFetchEachQueryOnce(t *testing.T) {
	f := loadFixture(t)
	target, err := url.Parse(f.url)
	if err != nil {
		t.Fatal(err)
	}
	var sent atomic.Int64
	forward := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/v1/query") {
			sent.Add(1)
		}
		forward.ServeHTTP(w, r)
	}))
	defer proxy.Close()

	var rules [][]backend.DataQuery
	for _, rule := range loadRules(t) {
		if onPerfScope(rule) {
			rules = append(rules, perfscopeQueries(t, f.eval, rule))
		}
	}
	const shipped = 11 // the health score at three severities, two overhead rules, four tiers, two budget-policy rules
	if len(rules) != shipped {
		t.Fatalf("%d shipped rules ask the PerfScope datasource, want %d", len(rules), shipped)
	}
	// One evaluation of copies × the shipped rules, each rule its own request, all at once, on a new instance.
	evaluate := func(copies int, headers map[string]string) int64 {
		p := servePlugin(t, map[string]any{"url": proxy.URL}, nil, f.eval)
		sent.Store(0)
		var wg sync.WaitGroup
		for range copies {
			for _, queries := range rules {
				wg.Go(func() {
					for ref, dr := range p.query(t, headers, queries...).Responses {
						if dr.Error != nil {
							t.Errorf("%s: %v", ref, dr.Error)
						}
					}
				})
			}
		}
		wg.Wait()
		return sent.Load()
	}
	once, tenfold := evaluate(1, alertHeader), evaluate(10, alertHeader)
	t.Logf("PromQL requests for one evaluation: %d rules %d, %d rules %d", shipped, once, 10*shipped, tenfold)
	if tenfold != once {
		t.Errorf("%d alert rules sent %d PromQL requests, %d sent %d: want as many", 10*shipped, tenfold, shipped, once)
	}
	unshared := evaluate(1, nil)
	t.Logf("without sharing (no alert header): %d rules %d", shipped, unshared)
	if once >= unshared {
		t.Errorf("the %d rules sent %d requests with the alert header and %d without: want fewer with it", shipped, once, unshared)
	}
	if dashboards := evaluate(2, nil); dashboards != 2*unshared {
		t.Errorf("without the alert header two copies sent %d requests, want %d (not shared)", dashboards, 2*unshared)
	}
}

// perfscopeQueries are a rule's queries of the PerfScope datasource as Grafana sends them at time eval.
func perfscopeQueries(t *testing.T, eval time.Time, rule alertRule) []backend.DataQuery {
	t.Helper()
	var out []backend.DataQuery
	for _, q := range rule.Data {
		if q.DatasourceUID != perfscopeUID {
			continue
		}
		raw, err := json.Marshal(q.Model)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, backend.DataQuery{RefID: q.RefID, QueryType: q.QueryType, JSON: raw,
			Interval:      time.Duration(modelNumber(t, q, "intervalMs")) * time.Millisecond,
			MaxDataPoints: int64(modelNumber(t, q, "maxDataPoints")),
			TimeRange: backend.TimeRange{From: eval.Add(-time.Duration(q.RelativeTimeRange.From) * time.Second),
				To: eval.Add(-time.Duration(q.RelativeTimeRange.To) * time.Second)}})
	}
	return out
}
