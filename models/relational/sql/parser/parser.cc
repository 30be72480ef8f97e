#include "models/relational/sql/parser/parser.h"
