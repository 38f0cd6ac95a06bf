package project

import (
	"regexp"
)

var (
	// projectIDPattern keeps the data source's message about a malformed id ("must look like
	// FP-<letters and digits>"); it accepts what validate.HasIDPrefix(id, projectIDPrefix) does.
	projectIDPattern     = regexp.MustCompile(`^` + projectIDPrefix + `[0-9A-Za-z]+$`)
	resourceGroupPattern = regexp.MustCompile(`^rg-[0-9A-Za-z]+$`)
)
