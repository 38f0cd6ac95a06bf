package project

import "regexp"

var (
	projectIDPattern     = regexp.MustCompile(`^FP-[0-9A-Za-z]+$`)
	resourceGroupPattern = regexp.MustCompile(`^rg-[0-9A-Za-z]+$`)
	// namePattern follows the console's rule for project names: no leading or trailing blanks and
	// no control characters.
	namePattern     = regexp.MustCompile(`^[^\s\x00-\x1f](?:[^\x00-\x1f]*[^\s\x00-\x1f])?$`)
	namePatternHelp = "must not start or end with a blank and must not hold control characters"
)
