#include "models/relational/sql/execution/executor.h"
