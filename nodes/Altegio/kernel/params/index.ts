/** Parameters: checks that name the parameter, calendar dates, and the field descriptions shared by resources. */
export * from './calendarDate';
export * from './descriptions';
export * from './validation';
export * from './resourceFields';
