package plugin

import (
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/prom"
)

// Any query JSON, type, range and interval: a clear error or a run Prometheus can answer, never a panic.
func FuzzQueryParsing(f *testing.F) {
	f.Add([]byte(`{"queryType":"health","service":"checkout|cart"}`), "", int64(1769814000000), int64(3600000), int64(60000))
	f.Add([]byte(`{"queryType":"mttr","condition":{"kind":"tier","tier":"fast-burn"}}`), "mttr", int64(0), int64(1), int64(0))
	f.Add([]byte(`{"expr":"up","rateInterval":"1h30m"}`), "promql", int64(-1), int64(365*24*3600000), int64(1000))
	f.Add([]byte(`{"service":"(","domain":"\""}`), "domainOverhead", int64(5), int64(-5), int64(-1))
	f.Add([]byte(`{"measure":"tierFiring","tier":"fast-burn","excludeDomain":"a|b\\.c"}`), "sla", int64(0), int64(600000), int64(60000))
	d := &Datasource{settings: &models.Settings{ScrapeInterval: 15 * time.Second}}
	f.Fuzz(func(t *testing.T, raw []byte, queryType string, fromMs, spanMs, stepMs int64) {
		from := time.UnixMilli(fromMs)
		q := backend.DataQuery{RefID: "A", QueryType: queryType, JSON: raw, Interval: time.Duration(stepMs) * time.Millisecond,
			MaxDataPoints: 1000, TimeRange: backend.TimeRange{From: from, To: from.Add(time.Duration(spanMs) * time.Millisecond)}}
		r, err := newRun(d, nil, q, false)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.Contains(msg, "goroutine") {
				t.Fatalf("unclear error %q", msg)
			}
			return
		}
		if r.grid.n < 1 || r.grid.n > prom.MaxPoints || r.grid.step < 1000 {
			t.Fatalf("grid %+v for %s + %dms at %dms", r.grid, from, spanMs, stepMs)
		}
		for _, v := range []string{r.vars["service"], r.vars["domain"]} {
			if strings.Count(v, `"`) != strings.Count(v, `\"`) {
				t.Fatalf("unescaped quote in %q", v)
			}
		}
	})
}
