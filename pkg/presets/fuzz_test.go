package presets

import (
	"math"
	"strconv"
	"testing"
)

// JSNumber reads back as the same number; ToPrecision stays within half a unit of the 12th digit.
func FuzzJSNumber(f *testing.F) {
	for _, seed := range []float64{0, 1, 0.1, 1e21, 1e-7, 123456789012345680000, 2.5e-7, 1.0 / 3, 5e-324, math.MaxFloat64} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		text := JSNumber(x)
		back, err := strconv.ParseFloat(text, 64)
		if err != nil || back != x {
			t.Fatalf("%v written %q reads back as %v (%v)", x, text, back, err)
		}
		// Half a unit of the 12th digit, plus the rounding of r itself to a double (a tie such as 1.000000000625
		// lands a few ulps past the half unit).
		r := ToPrecision(x, 12)
		ulps := 4 * (math.Nextafter(math.Abs(r), math.Inf(1)) - math.Abs(r))
		if x != 0 && math.Abs(r-x) > math.Abs(x)*5e-12+ulps {
			t.Fatalf("ToPrecision(%v, 12) = %v", x, r)
		}
	})
}
