#include "models/relational/storage/catalog.h"
