package presets

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// JSNumber writes a number as JavaScript's String(number) does (ECMAScript Number::toString): the shortest
// digits that read back as the same number, in plain notation from 1e-6 up to 1e21 and in exponent notation
// ("1e-7", "1.5e+21") beyond. Queries built here must equal the TypeScript ones byte for byte.
func JSNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	case x == 0:
		return "0" // -0 too
	case x < 0:
		return "-" + JSNumber(-x)
	}
	// "d.ddde±x": the shortest digits s (k of them) and n, where x = 0.s × 10^n.
	e := strconv.FormatFloat(x, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	p, _ := strconv.Atoi(exp)
	k, n := len(digits), p+1
	switch {
	case k <= n && n <= 21:
		return digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return "0." + strings.Repeat("0", -n) + digits
	}
	sign := "+"
	if n-1 < 0 {
		sign = "-"
	}
	exponent := "e" + sign + strconv.Itoa(abs(n-1))
	if k == 1 {
		return digits + exponent
	}
	return digits[:1] + "." + digits[1:] + exponent
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// ToPrecision is JavaScript's Number(x.toPrecision(p)): x rounded to p significant digits, a tie going to the
// larger digits (away from zero), as the ECMAScript specification says; Go's own formatting would round a
// tie to even (0.0001220703125 to 0.000122070312 where JavaScript writes 0.000122070313).
func ToPrecision(x float64, p int) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	if x < 0 {
		return -ToPrecision(-x, p)
	}
	exact := new(big.Rat)
	exact.SetFloat64(x)
	// e: 10^e <= x < 10^(e+1), from a float estimate corrected exactly.
	e := int(math.Floor(math.Log10(x)))
	for pow10(e).Cmp(exact) > 0 {
		e--
	}
	for pow10(e+1).Cmp(exact) <= 0 {
		e++
	}
	// n = round-half-up(x / 10^(e-p+1)), with 10^(p-1) <= n <= 10^p.
	scaled := new(big.Rat).Quo(exact, pow10(e-p+1))
	scaled.Add(scaled, big.NewRat(1, 2))
	n := new(big.Int).Quo(scaled.Num(), scaled.Denom())
	text := n.String() + "e" + strconv.Itoa(e-p+1)
	v, _ := strconv.ParseFloat(text, 64) // correctly rounded, as JavaScript's Number(string)
	return v
}

func pow10(e int) *big.Rat {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil)
	if e < 0 {
		return new(big.Rat).SetFrac(big.NewInt(1), p)
	}
	return new(big.Rat).SetInt(p)
}
