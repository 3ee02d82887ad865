package discovery

import (
	"slices"
	"testing"
)

// MetricNames reads any text without panicking, and names each metric once.
func FuzzMetricNames(f *testing.F) {
	for _, seed := range []string{
		`sum by (job) (rate(a{job=~"$service"}[5m])) / on(job) group_left() b`, `{__name__="x"}`, `{__name__='`,
		`x{`, `"unterminated`, "`raw", `1e+`, `0x`, `sum by (`, `a[5m:`, `{"quoted"}`, `# comment`, "\xff{\xfe}",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, query string) {
		names := MetricNames(query)
		for i, n := range names {
			if n == "" || slices.Contains(names[:i], n) {
				t.Fatalf("%q: %q", query, names)
			}
		}
	})
}
