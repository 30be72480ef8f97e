#include "models/relational/sql/session/session.h"
