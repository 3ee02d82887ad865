package scoring

import (
	"regexp"
	"strings"
)

var templateVariable = regexp.MustCompile(`^(?:` + variablePattern + `)`)

var endsWithOffset = regexp.MustCompile(`(?i)\boffset\s*$`)

// SubstituteVariables replaces template variables outside string literals with harmless values so the query
// can be parsed: a duration ("5m") inside a range selector or after `offset`, the number 1 anywhere else.
// Variables inside strings ("$service") are valid PromQL as they are. As src/scoring/profile/promql.ts.
func SubstituteVariables(query string) string {
	var out strings.Builder
	quote := byte(0)
	rangeDepth := 0
	for i := 0; i < len(query); {
		ch := query[i]
		if quote != 0 {
			out.WriteByte(ch)
			if ch == '\\' && quote != '`' && i+1 < len(query) {
				out.WriteByte(query[i+1])
				i += 2
				continue
			}
			if ch == quote {
				quote = 0
			}
			i++
			continue
		}
		if m := templateVariable.FindString(query[i:]); m != "" {
			if rangeDepth > 0 || endsWithOffset.MatchString(out.String()) {
				out.WriteString("5m")
			} else {
				out.WriteString("1")
			}
			i += len(m)
			continue
		}
		switch ch {
		case '"', '\'', '`':
			quote = ch
		case '[':
			rangeDepth++
		case ']':
			rangeDepth = max(0, rangeDepth-1)
		}
		out.WriteByte(ch)
		i++
	}
	return out.String()
}
