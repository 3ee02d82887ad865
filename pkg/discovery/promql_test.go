package discovery

import (
	"encoding/json"
	"strings"
	"testing"
)

// quote is JSON.stringify: like encoding/json, but <, >, & and U+2028 stay as they are.
func TestQuoteIsJSONStringify(t *testing.T) {
	for _, s := range []string{"", "job", `a"b\c`, "tab\tnew\nline\r\b\f", "\x01\x1f", "ünïcode ✓"} {
		want, _ := json.Marshal(s)
		if got := quote(s); got != string(want) {
			t.Errorf("quote(%q) = %s, want %s", s, got, want)
		}
	}
	if got := quote("<a&b>\u2028"); got != "\"<a&b>\u2028\"" {
		t.Errorf("%s", got)
	}
	if got := quote("\x1f"); got != `"\u001f"` {
		t.Errorf("%s", got)
	}
}

func TestEscapeRegexAndURIComponent(t *testing.T) {
	if got := escapeRegex(`a.b*c+d?e^f$g{h}i(j)k|l[m]n\o-p`); got != `a\.b\*c\+d\?e\^f\$g\{h\}i\(j\)k\|l\[m\]n\\o-p` {
		t.Errorf("%s", got)
	}
	if got := encodeURIComponent("le_1-a.b!~*'()/ é?&="); got != "le_1-a.b!~*'()%2F%20%C3%A9%3F%26%3D" {
		t.Errorf("%s", got)
	}
}

func TestInterpolate(t *testing.T) {
	got := Interpolate(`rate(x{a=~"$service", b="${domain:regex}"}[$__rate_interval]) > [[threshold]] or $unknown $window`,
		map[string]string{"service": ".*", "domain": "d", "__rate_interval": "5m", "threshold": "1", "window": "1h"})
	if want := `rate(x{a=~".*", b="d"}[5m]) > 1 or $unknown 1h`; got != want {
		t.Errorf("%s", got)
	}
	if !strings.Contains(Interpolate("$servicex", map[string]string{"service": "s"}), "$servicex") {
		t.Error("a longer name is another variable")
	}
}
