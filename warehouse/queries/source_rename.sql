UPDATE sources SET name = $name WHERE id = $source_id
