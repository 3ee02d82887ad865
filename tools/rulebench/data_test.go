//go:build linux

package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/perfscope/perfscope/tools/fixtures"
)

// The history covers 30 days before its end for the long windows, with 15-second samples in the last minutes
// and around 7 days ago; counters never go down, and each series is written in time order.
func TestDatasetHistory(t *testing.T) {
	end := time.Date(2026, 12, 4, 22, 0, 7, 0, time.UTC)
	d := newDataset(2, 5*time.Minute, end, []fixtures.Label{{Name: "sloth_window", Value: "5m"}})
	var out bytes.Buffer
	samples, err := d.writeOpenMetrics(&out)
	if err != nil {
		t.Fatal(err)
	}
	type point struct {
		at    int64
		value float64
	}
	series := map[string][]point{}
	lines := strings.Split(strings.TrimSuffix(out.String(), "# EOF\n"), "\n")
	n := 0
	for _, line := range lines {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		v, _ := strconv.ParseFloat(f[1], 64)
		at, _ := strconv.ParseInt(f[2], 10, 64)
		series[f[0]] = append(series[f[0]], point{at, v})
		n++
	}
	if n != samples || !strings.HasSuffix(out.String(), "# EOF\n") {
		t.Fatalf("%d sample lines, %d counted", n, samples)
	}
	last := d.end.Unix()
	for _, name := range []string{
		`http_requests_total{service="svc-0001",code="500"}`,
		`http_request_duration_seconds_bucket{service="svc-0002",le="0.2"}`,
		`slo:sli_error:ratio_rate5m{service="svc-0001",sloth_window="5m"}`,
	} {
		s := series[name]
		if len(s) == 0 || s[0].at > last-30*86400 || s[len(s)-1].at != last {
			t.Fatalf("%s does not cover the 30 days to %d: %d samples", name, last, len(s))
		}
	}
	dense := series[`http_request_duration_seconds_bucket{service="svc-0001",le="0.5"}`]
	if len(dense) == 0 || dense[len(dense)-1].at-dense[len(dense)-2].at != 15 || dense[0].at > last-7*86400 {
		t.Fatalf("the dense buckets have no 15-second samples now and 7 days ago: %v", dense)
	}
	for name, s := range series {
		for i := 1; i < len(s); i++ {
			if s[i].at <= s[i-1].at {
				t.Fatalf("%s is not in time order at %d", name, s[i].at)
			}
			if strings.Contains(name, "_total") || strings.Contains(name, "_bucket") || strings.Contains(name, "_count") {
				if s[i].value < s[i-1].value {
					t.Fatalf("counter %s goes down at %d", name, s[i].at)
				}
			}
		}
	}
}
