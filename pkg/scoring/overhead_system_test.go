package scoring

import (
	"math"
	"testing"
)

// As systemOverhead's test in src/scoring/overhead.test.ts.
func TestSystemOverheadSumsInOrderAndNeedsEveryDomain(t *testing.T) {
	if got := SystemOverhead([]float64{1.5, 2, 0.25}); got != 3.75 {
		t.Errorf("sum %v, want 3.75", got)
	}
	a, b, c := 0.1, 0.2, 0.3 // variables: Go adds constants exactly
	if got := SystemOverhead([]float64{a, b, c}); got != a+b+c || got == c+b+a {
		t.Errorf("sum in order %v, want %v (not %v)", got, a+b+c, c+b+a)
	}
	for _, values := range [][]float64{{1, math.NaN()}, {1, math.Inf(1)}, {}, nil} {
		if got := SystemOverhead(values); !math.IsNaN(got) {
			t.Errorf("SystemOverhead(%v) = %v, want NaN (unknown)", values, got)
		}
	}
}
